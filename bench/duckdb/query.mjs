// Runs one SQL file with DuckDB over a bench company and prints its rows as JSON.
// usage: node bench/duckdb/query.mjs SQL_FILE COMPANY_DIR
// {{dir}} in the SQL is replaced by COMPANY_DIR. Used by bench/compare.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [sqlFile, dir] = process.argv.slice(2);
const sql = readFileSync(sqlFile, 'utf8').replaceAll('{{dir}}', dir);
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const reader = await con.runAndReadAll(sql);
console.log(JSON.stringify(reader.getRowObjectsJson()));

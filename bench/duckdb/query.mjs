// Runs one SQL file with DuckDB over a bench company and prints the last statement's rows as JSON.
// usage: node bench/duckdb/query.mjs SQL_FILE COMPANY_DIR [NAME=VALUE ...]
// In the SQL, {{dir}} is replaced by COMPANY_DIR, {{NAME}} by VALUE, and a line
// `{{include FILE}}` by the text of FILE (next to SQL_FILE). A {{...}} left over is an error.
// Used by bench/compare.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [sqlFile, dir, ...params] = process.argv.slice(2);
let sql = readFileSync(sqlFile, 'utf8').replace(/\{\{include ([^}]+)\}\}/g,
  (_, f) => readFileSync(join(dirname(sqlFile), f.trim()), 'utf8'));
sql = sql.replaceAll('{{dir}}', dir);
for (const p of params) {
  const eq = p.indexOf('=');
  sql = sql.replaceAll(`{{${p.slice(0, eq)}}}`, p.slice(eq + 1));
}
const left = sql.match(/\{\{[^}]*\}\}/);
if (left) {
  console.error(`${sqlFile}: no value for ${left[0]}`);
  process.exit(2);
}
// DUCKDB_DATABASE: a database file to open (bench/sql loads the tables once, then
// times the report on its own); else an in-memory database.
const instance = await DuckDBInstance.create(process.env.DUCKDB_DATABASE || ':memory:');
const con = await instance.connect();
const reader = await con.runAndReadAll(sql);
console.log(JSON.stringify(reader.getRowObjectsJson()));

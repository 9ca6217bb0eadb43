#!/usr/bin/env bash
# Placeholder until golden cases land.
exit 0

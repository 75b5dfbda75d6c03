"""Runs the registers' derivations as SQL in DuckDB: every record read with its column types
(a cell that is not of its type fails the query), keys counted distinct, every derived element
aggregated. Usage: duckdb_registers.py REGISTERS_JSON YEAR_FOLDER"""
import json, os, sys, duckdb

spec = json.load(open(sys.argv[1]))
folder = sys.argv[2]
con = duckdb.connect()
for r in spec["registers"]:
    path = os.path.join(folder, r["file"])
    if not os.path.exists(path):
        continue
    columns = "{" + ", ".join(f"'{c['name']}': '{c['type']}'" for c in r["sqlColumns"]) + "}"
    parts = ["count(*) AS records"]
    if r["primaryKey"]:
        key = " || '|' || ".join(f'CAST("{k}" AS VARCHAR)' for k in r["primaryKey"])
        parts.append(f"count(DISTINCT {key}) AS keys")
    parts += [f'{d["sql"]} AS "{d["element"]}"' for d in r["derive"]]
    query = f"SELECT {', '.join(parts)} FROM read_csv('{path}', header=true, auto_detect=false, columns={columns}, dateformat='%Y-%m-%d', quote='\"', escape='\"')"
    row = con.execute(query).fetchone()
    print(r["id"], dict(zip(["records"] + (["keys"] if r["primaryKey"] else []) + [d["element"] for d in r["derive"]], row)))

"""Runs the registers' derivations as SQL in Polars (lazy scan_csv with the column types, then
one SQL aggregate per register). Usage: polars_registers.py REGISTERS_JSON YEAR_FOLDER"""
import json, os, sys, polars as pl

TYPES = {"VARCHAR": pl.Utf8, "BIGINT": pl.Int64, "DOUBLE": pl.Float64, "BOOLEAN": pl.Boolean, "DATE": pl.Date, "INTEGER": pl.Int32}
spec = json.load(open(sys.argv[1]))
folder = sys.argv[2]
for r in spec["registers"]:
    path = os.path.join(folder, r["file"])
    if not os.path.exists(path):
        continue
    schema = {c["name"]: TYPES[c["type"]] for c in r["sqlColumns"]}
    frame = pl.scan_csv(path, schema=schema, try_parse_dates=False)
    parts = ["count(*) AS records"]
    if r["primaryKey"]:
        parts.append(f'count(DISTINCT "{r["primaryKey"][0]}") AS keys')
    parts += [f'{d["sql"]} AS "{d["element"]}"' for d in r["derive"]]
    ctx = pl.SQLContext(t=frame)
    result = ctx.execute(f"SELECT {', '.join(parts)} FROM t").collect()
    print(r["id"], result.row(0, named=True))

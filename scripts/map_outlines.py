"""What the two outline converters (convert-city-map.py, convert-county-map.py) share: a GeoJSON
geometry as rings of points in thousandths of a degree, points closer than `step` to the one
before dropped, rings of fewer than four points left out."""


def rings_of(geometry, step):
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points = []
            for lon, lat in ring:
                p = (round(lon * 1000), round(lat * 1000))
                if points and abs(p[0] - points[-1][0]) < step and abs(p[1] - points[-1][1]) < step:
                    continue
                points.append(p)
            if len(points) >= 4:
                rings.append(points)
    return rings

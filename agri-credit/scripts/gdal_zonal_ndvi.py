#!/usr/bin/python3
"""Reference zonal NDVI statistics with GDAL + numpy, for comparison with io.telerisk.agri.ndvi.ZonalNdvi.

Same rules as the Java code: field polygons (WGS 84 GeoJSON FeatureCollection, properties.id) are transformed to
the bands' CRS; a pixel belongs to a field when its centre is inside the polygon (--mask centre: numpy
crossing-number test; --mask rasterize: gdal.RasterizeLayer, whose default rule is also the pixel centre);
valid when DN(red), DN(nir) != 0, SCL (nearest: the SCL pixel containing the 10 m pixel centre) not in
{0,1,3,8,9,10,11}, and red + nir reflectance > 0. NDVI = (nir - red) / (nir + red + 2*offset) on DNs.
Prints CSV: id,valid_pixels,ndvi_mean,ndvi_median,ndvi_std,ndvi_min,ndvi_max,cloud_free_fraction,status
and, on stderr, elapsed seconds and peak RSS (VmHWM).
"""
import argparse
import json
import sys
import time

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
MASKED = np.zeros(256, dtype=bool)
MASKED[[0, 1, 3, 8, 9, 10, 11]] = True
MASKED[12:] = True


def vmhwm_kb():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    return -1


def centre_mask(rings, x0, y0, sx, sy, c0, r0, w, h):
    cx = x0 + (np.arange(c0, c0 + w) + 0.5) * sx
    cy = y0 - (np.arange(r0, r0 + h) + 0.5) * sy
    px, py = np.meshgrid(cx, cy)
    inside = np.zeros((h, w), dtype=bool)
    for ring in rings:
        xs, ys = ring[:, 0], ring[:, 1]
        for j in range(len(ring) - 1):
            x1, y1, x2, y2 = xs[j], ys[j], xs[j + 1], ys[j + 1]
            if y1 == y2:
                continue
            crosses = (y1 > py) != (y2 > py)
            xc = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
            inside ^= crosses & (px < xc)
    return inside


def raster_mask(geom, x0, y0, sx, sy, c0, r0, w, h, srs):
    ds = gdal.GetDriverByName('MEM').Create('', w, h, 1, gdal.GDT_Byte)
    ds.SetGeoTransform((x0 + c0 * sx, sx, 0, y0 - r0 * sy, 0, -sy))
    ds.SetProjection(srs.ExportToWkt())
    mem = ogr.GetDriverByName('Memory').CreateDataSource('m')
    layer = mem.CreateLayer('f', srs, ogr.wkbPolygon)
    feat = ogr.Feature(layer.GetLayerDefn())
    feat.SetGeometry(geom)
    layer.CreateFeature(feat)
    gdal.RasterizeLayer(ds, [1], layer, burn_values=[1])
    return ds.GetRasterBand(1).ReadAsArray().astype(bool)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--red', required=True)
    ap.add_argument('--nir', required=True)
    ap.add_argument('--scl')
    ap.add_argument('--fields', required=True)
    ap.add_argument('--offset', type=int, default=-1000)
    ap.add_argument('--min-valid', type=int, default=10)
    ap.add_argument('--min-clear', type=float, default=0.5)
    ap.add_argument('--mask', choices=['centre', 'rasterize'], default='rasterize')
    a = ap.parse_args()
    t0 = time.time()
    red_ds, nir_ds = gdal.Open(a.red), gdal.Open(a.nir)
    scl_ds = gdal.Open(a.scl) if a.scl else None
    gt = red_ds.GetGeoTransform()
    x0, sx, y0, sy = gt[0], gt[1], gt[3], -gt[5]
    W, H = red_ds.RasterXSize, red_ds.RasterYSize
    srs = osr.SpatialReference(wkt=red_ds.GetProjection())
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    tr = osr.CoordinateTransformation(wgs, srs)
    rb, nb = red_ds.GetRasterBand(1), nir_ds.GetRasterBand(1)
    if scl_ds is not None:
        sgt = scl_ds.GetGeoTransform()
        sb = scl_ds.GetRasterBand(1)
        SW, SH = scl_ds.RasterXSize, scl_ds.RasterYSize
    with open(a.fields) as f:
        features = json.load(f)['features']
    out = ['id,valid_pixels,ndvi_mean,ndvi_median,ndvi_std,ndvi_min,ndvi_max,cloud_free_fraction,status']
    for feat in features:
        fid = str(feat['properties']['id'])
        geom = ogr.CreateGeometryFromJson(json.dumps(feat['geometry']))
        geom.Transform(tr)
        minx, maxx, miny, maxy = geom.GetEnvelope()
        r_first = int(np.ceil((y0 - maxy) / sy - 0.5))
        r_last = int(np.floor((y0 - miny) / sy - 0.5))
        c_first = int(np.floor((minx - x0) / sx - 0.5))
        c_last = int(np.ceil((maxx - x0) / sx - 0.5))
        if r_first < 0 or c_first < 0 or r_last >= H or c_last >= W:
            out.append(f'{fid},0,,,,,,,NOT_COVERED')
            continue
        c0, r0 = c_first, r_first
        w, h = c_last - c_first + 1, r_last - r_first + 1
        if a.mask == 'centre':
            rings = [np.array(geom.GetGeometryRef(i).GetPoints())[:, :2] for i in range(geom.GetGeometryCount())]
            inside = centre_mask(rings, x0, y0, sx, sy, c0, r0, w, h)
        else:
            inside = raster_mask(geom, x0, y0, sx, sy, c0, r0, w, h, srs)
        red = rb.ReadAsArray(c0, r0, w, h).astype(np.float64)
        nir = nb.ReadAsArray(c0, r0, w, h).astype(np.float64)
        in_field = int(inside.sum())
        valid = inside & (red != 0) & (nir != 0)
        if scl_ds is not None:
            cx = x0 + (np.arange(c0, c0 + w) + 0.5) * sx
            cy = y0 - (np.arange(r0, r0 + h) + 0.5) * sy
            sc = np.clip(np.floor((cx - sgt[0]) / sgt[1]).astype(int), 0, SW - 1)
            sr = np.clip(np.floor((sgt[3] - cy) / -sgt[5]).astype(int), 0, SH - 1)
            win = sb.ReadAsArray(int(sc.min()), int(sr.min()), int(sc.max() - sc.min() + 1), int(sr.max() - sr.min() + 1))
            scl = win[np.ix_(sr - sr.min(), sc - sc.min())]
            valid &= ~MASKED[scl]
        den = red + nir + 2.0 * a.offset
        valid &= den > 0
        n = int(valid.sum())
        clear = n / in_field if in_field else 0.0
        if in_field == 0:
            out.append(f'{fid},0,,,,,,,TOO_FEW_PIXELS')
            continue
        if clear < a.min_clear or n < a.min_valid:
            out.append(f'{fid},{n},,,,,,{clear:.6f},NO_OBSERVATION')
            continue
        ndvi = (nir[valid] - red[valid]) / den[valid]
        out.append(f'{fid},{n},{ndvi.mean():.6f},{np.median(ndvi):.6f},{ndvi.std():.6f},{ndvi.min():.6f},'
                   f'{ndvi.max():.6f},{clear:.6f},ok')
    elapsed = time.time() - t0
    sys.stdout.write('\n'.join(out) + '\n')
    sys.stderr.write(f'gdal_elapsed_s={elapsed:.3f} gdal_vmhwm_kb={vmhwm_kb()} fields={len(features)}\n')


if __name__ == '__main__':
    main()

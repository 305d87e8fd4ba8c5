#!/usr/bin/env python3
# generate-sample.py
# Copyright 2026 The Gongfu Atlas authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the invented sample district 示例区 (code 339901) for Gongfu Atlas.

Every place, organisation and person in the output is invented. The location (around lon
119.55–120.15, lat 29.45–29.85) is a made-up spot chosen only so that the map shows something.

Run `python3 data/sample/generate-sample.py`: it rewrites the CSV and GeoJSON files next to
itself. Python 3 standard library only; a fixed seed and its own random helpers on top of
`random.Random.random()` make the output byte-identical from run to run.

Geometry: the villages tile the district exactly. A jittered lattice of corner vertices, with
two or three jittered intermediate vertices on every cell edge, is rounded to 6 decimals once,
in one shared vertex table, and every ring (village, town, district) is a sequence of vertices
from that table. A village is one cell or two adjacent cells; towns and the district are the
outer ring of the union of their cells (edges shared by two cells cancel). The generator checks
that every ring is closed, simple and counter-clockwise, that every interior edge is used by
exactly two cells in opposite directions (with simple counter-clockwise rings this proves there
are neither gaps nor overlaps) and that areas add up (villages → town → district).
"""

import csv
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 339901

DISTRICT_CODE = "339901"
DISTRICT_NAME = "示例区"
YEARS = list(range(2016, 2026))


# ----------------------------------------------------------------------------------------------
# Random helpers. Only Random.random() is used, whose sequence for an integer seed is stable
# across Python versions (randint, choice, shuffle and gauss have changed in the past).

class Rng:
    def __init__(self, seed):
        self._r = random.Random(seed)

    def random(self):
        return self._r.random()

    def uniform(self, a, b):
        return a + (b - a) * self._r.random()

    def randint(self, a, b):
        return a + min(int(self._r.random() * (b - a + 1)), b - a)

    def choice(self, seq):
        return seq[self.randint(0, len(seq) - 1)]

    def shuffle(self, seq):
        for k in range(len(seq) - 1, 0, -1):
            m = self.randint(0, k)
            seq[k], seq[m] = seq[m], seq[k]

    def sample(self, seq, k):
        copy = list(seq)
        self.shuffle(copy)
        return copy[:k]

    def gauss(self, mu, sigma):
        u1 = 1.0 - self._r.random()
        u2 = self._r.random()
        return mu + sigma * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def chance(self, p):
        return self._r.random() < p


def within(draw, lo, hi):
    """Draw again until the value falls in [lo, hi] (a truncated distribution)."""
    while True:
        x = draw()
        if lo <= x <= hi:
            return x


def stream(n):
    """An independent random stream per section, so that changing one section leaves the
    others' output as it was."""
    return Rng(SEED * 100 + n)


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


# ----------------------------------------------------------------------------------------------
# Lattice and geometry

C, R = 27, 19                                   # lattice cells: columns west→east, rows south→north
BOX = (119.55, 29.45, 120.15, 29.85)            # lon/lat box the district lies in
MARGIN = 0.75                                   # grid units kept free inside the box
DLON = (BOX[2] - BOX[0]) / (C + 2 * MARGIN)
DLAT = (BOX[3] - BOX[1]) / (R + 2 * MARGIN)
CORNER_JITTER = 0.27                            # grid units
EDGE_OFFSET = 0.17                              # grid units, perpendicular to the edge
MICRO = 1000000                                 # coordinates are kept as integer micro-degrees

# Equal-area projection for areas: Lambert cylindrical equal-area on the authalic sphere with
# the standard parallel through the district.
EARTH_R = 6371.0072
LON_C = 119.85
PHI0 = math.radians(29.65)
COS0 = math.cos(PHI0)
SIN0 = math.sin(PHI0)


def project(lon_u, lat_u):
    lon = lon_u / MICRO
    lat = lat_u / MICRO
    return (EARTH_R * math.radians(lon - LON_C) * COS0,
            EARTH_R * (math.sin(math.radians(lat)) - SIN0) / COS0)


def unproject(x, y):
    lon = LON_C + math.degrees(x / (EARTH_R * COS0))
    lat = math.degrees(math.asin(clamp(y * COS0 / EARTH_R + SIN0, -1.0, 1.0)))
    return round(lon * MICRO), round(lat * MICRO)


class Lattice:
    def __init__(self, rng):
        self.wx = 0.30
        self.wy = 0.28
        self.px = rng.uniform(0, 2 * math.pi)
        self.py = rng.uniform(0, 2 * math.pi)
        # vertex records: (base x, base y, normal x, normal y, offset, edge key or None)
        self.rec = []
        self.corner = {}
        self.hedge = {}
        self.vedge = {}
        cpos = {}
        for j in range(R + 1):
            for i in range(C + 1):
                p = (i + rng.uniform(-CORNER_JITTER, CORNER_JITTER),
                     j + rng.uniform(-CORNER_JITTER, CORNER_JITTER))
                cpos[(i, j)] = p
                self.corner[(i, j)] = len(self.rec)
                self.rec.append((p[0], p[1], 0.0, 0.0, 0.0, None))
        for j in range(R + 1):
            for i in range(C):
                self.hedge[(i, j)] = self._edge(cpos[(i, j)], cpos[(i + 1, j)], ("h", i, j), rng)
        for j in range(R):
            for i in range(C + 1):
                self.vedge[(i, j)] = self._edge(cpos[(i, j)], cpos[(i, j + 1)], ("v", i, j), rng)
        self.scale = {}
        self.realize()

    def _edge(self, p, q, key, rng):
        n = 2 + (1 if rng.random() < 0.5 else 0)
        dx, dy = q[0] - p[0], q[1] - p[1]
        length = math.hypot(dx, dy)
        nx, ny = -dy / length, dx / length
        ids = []
        for k in range(1, n + 1):
            t = k / (n + 1) + rng.uniform(-0.06, 0.06)
            off = rng.uniform(-EDGE_OFFSET, EDGE_OFFSET)
            ids.append(len(self.rec))
            self.rec.append((p[0] + t * dx, p[1] + t * dy, nx, ny, off, key))
        return ids

    def warp(self, gx, gy):
        return (gx + self.wx * math.sin(2 * math.pi * gy / 9.0 + self.px),
                gy + self.wy * math.sin(2 * math.pi * gx / 11.0 + self.py))

    def realize(self):
        """Compute the shared vertex table: integer micro-degrees, rounded once."""
        self.pts = []
        for bx, by, nx, ny, off, key in self.rec:
            s = self.scale.get(key, 1.0) if key is not None else 0.0
            gx, gy = self.warp(bx + nx * off * s, by + ny * off * s)
            lon = BOX[0] + (gx + MARGIN) * DLON
            lat = BOX[1] + (gy + MARGIN) * DLAT
            self.pts.append((round(lon * MICRO), round(lat * MICRO)))
        self.xy = [project(lon, lat) for lon, lat in self.pts]

    def cell_ring(self, cell):
        i, j = cell
        return ([self.corner[(i, j)]] + self.hedge[(i, j)] + [self.corner[(i + 1, j)]]
                + self.vedge[(i + 1, j)] + [self.corner[(i + 1, j + 1)]]
                + self.hedge[(i, j + 1)][::-1] + [self.corner[(i, j + 1)]]
                + self.vedge[(i, j)][::-1])

    def cell_edges(self, cell):
        i, j = cell
        return [("h", i, j), ("h", i, j + 1), ("v", i, j), ("v", i + 1, j)]


def orient(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def on_segment(a, b, c):
    return (min(a[0], b[0]) <= c[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= c[1] <= max(a[1], b[1]))


def segments_intersect(p1, p2, p3, p4):
    d1 = orient(p3, p4, p1)
    d2 = orient(p3, p4, p2)
    d3 = orient(p1, p2, p3)
    d4 = orient(p1, p2, p4)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    if d1 == 0 and on_segment(p3, p4, p1):
        return True
    if d2 == 0 and on_segment(p3, p4, p2):
        return True
    if d3 == 0 and on_segment(p1, p2, p3):
        return True
    if d4 == 0 and on_segment(p1, p2, p4):
        return True
    return False


def ring_is_simple(pts, bucket=2500):
    """pts: an open ring of integer points. Exact test: no repeated vertex, no two
    non-adjacent edges touching, no adjacent edges folding back on each other."""
    n = len(pts)
    if n < 3 or len(set(pts)) != n:
        return False
    segs = [(pts[k], pts[(k + 1) % n]) for k in range(n)]
    grid = {}
    for k, (a, b) in enumerate(segs):
        for gx in range(min(a[0], b[0]) // bucket, max(a[0], b[0]) // bucket + 1):
            for gy in range(min(a[1], b[1]) // bucket, max(a[1], b[1]) // bucket + 1):
                grid.setdefault((gx, gy), []).append(k)
    seen = set()
    for idx in grid.values():
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                k, m = idx[x], idx[y]
                if (k, m) in seen:
                    continue
                seen.add((k, m))
                if m == k + 1 or (k == 0 and m == n - 1):
                    if m == k + 1:
                        a, s, c = pts[k], pts[m], pts[(m + 1) % n]
                    else:
                        a, s, c = pts[1], pts[0], pts[n - 1]
                    if orient(a, s, c) == 0 and \
                            (a[0] - s[0]) * (c[0] - s[0]) + (a[1] - s[1]) * (c[1] - s[1]) > 0:
                        return False
                    continue
                if segments_intersect(segs[k][0], segs[k][1], segs[m][0], segs[m][1]):
                    return False
    return True


def signed_area2_int(pts):
    n = len(pts)
    return sum(pts[k][0] * pts[(k + 1) % n][1] - pts[(k + 1) % n][0] * pts[k][1]
               for k in range(n))


def area_km2(xy):
    n = len(xy)
    return 0.5 * sum(xy[k][0] * xy[(k + 1) % n][1] - xy[(k + 1) % n][0] * xy[k][1]
                     for k in range(n))


def centroid_xy(xy):
    n = len(xy)
    a = cx = cy = 0.0
    for k in range(n):
        x0, y0 = xy[k]
        x1, y1 = xy[(k + 1) % n]
        w = x0 * y1 - x1 * y0
        a += w
        cx += (x0 + x1) * w
        cy += (y0 + y1) * w
    return cx / (3 * a), cy / (3 * a)


def point_in_ring(p, ring):
    """Strictly inside (a point on the boundary is not inside). Exact on integers."""
    inside = False
    n = len(ring)
    for k in range(n):
        a = ring[k]
        b = ring[(k + 1) % n]
        s = orient(a, b, p)
        if s == 0 and on_segment(a, b, p):
            return False
        if a[1] <= p[1] < b[1] and s > 0:
            inside = not inside
        elif b[1] <= p[1] < a[1] and s < 0:
            inside = not inside
    return inside


def union_rings(lat, cells):
    """The boundary of a union of cells as rings of vertex ids; shared edges cancel."""
    directed = []
    for cell in sorted(cells):
        ring = lat.cell_ring(cell)
        n = len(ring)
        directed.extend((ring[k], ring[(k + 1) % n]) for k in range(n))
    present = set(directed)
    assert len(present) == len(directed), "an edge is used twice in the same direction"
    nxt = {}
    for a, b in directed:
        if (b, a) in present:
            continue
        assert a not in nxt, "pinch vertex in a union of cells"
        nxt[a] = b
    rings = []
    while nxt:
        start = min(nxt)
        ring = [start]
        v = nxt.pop(start)
        while v != start:
            ring.append(v)
            v = nxt.pop(v)
        rings.append(ring)
    return rings


def neighbours4(cell):
    i, j = cell
    return [(i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)]


def components(cells):
    cells = set(cells)
    comps = []
    for start in sorted(cells):
        if any(start in c for c in comps):
            continue
        comp = {start}
        todo = [start]
        while todo:
            c = todo.pop()
            for n in neighbours4(c):
                if n in cells and n not in comp:
                    comp.add(n)
                    todo.append(n)
        comps.append(comp)
    comps.sort(key=lambda c: (-len(c), min(c)))
    return comps


def enclosed(region):
    """Cells of the grid not in region that cannot reach the outside of the grid."""
    region = set(region)
    outside = set()
    todo = [(i, -1) for i in range(-1, C + 1)] + [(i, R) for i in range(-1, C + 1)] + \
        [(-1, j) for j in range(R)] + [(C, j) for j in range(R)]
    outside.update(todo)
    while todo:
        c = todo.pop()
        for n in neighbours4(c):
            if -1 <= n[0] <= C and -1 <= n[1] <= R and n not in region and n not in outside:
                outside.add(n)
                todo.append(n)
    return [(i, j) for j in range(R) for i in range(C)
            if (i, j) not in region and (i, j) not in outside]


def corner_quads():
    for j in range(1, R):
        for i in range(1, C):
            yield (i - 1, j - 1), (i, j - 1), (i - 1, j), (i, j)


def make_mask(rng):
    a, b, c = (rng.uniform(0, 2 * math.pi) for _ in range(3))
    cells = set()
    for j in range(R):
        for i in range(C):
            u = (i + 0.5 - C / 2) / (C / 2)
            v = (j + 0.5 - R / 2) / (R / 2)
            r = math.hypot(u, v)
            th = math.atan2(v, u)
            lim = 0.99 + 0.15 * math.sin(2 * th + a) + 0.11 * math.sin(3 * th + b) \
                + 0.07 * math.sin(5 * th + c)
            if r < lim:
                cells.add((i, j))
    changed = True
    while changed:
        changed = False
        comps = components(cells)
        if len(comps) > 1:
            cells = comps[0]
            changed = True
        for h in enclosed(cells):
            cells.add(h)
            changed = True
        for qa, qb, qc, qd in corner_quads():
            ia, ib, ic, id_ = (q in cells for q in (qa, qb, qc, qd))
            if ia and id_ and not ib and not ic:
                cells.add(qb)
                changed = True
            elif ib and ic and not ia and not id_:
                cells.add(qa)
                changed = True
    return cells


def mountain_index(cell, rng_noise):
    i, j = cell
    u = (i + 0.5) / C
    v = (j + 0.5) / R
    return clamp(1.02 - 0.95 * u + 0.12 * math.sin(6.3 * v + 1.0) + rng_noise, 0.0, 1.0)


def partition_towns(cells, rng, n_towns, seat):
    """Weighted Voronoi on cell centres from well-spread seeds, then repaired so that every
    town is one 4-connected block without holes and without pinch points."""
    order = sorted(cells)
    dist = lambda p, q: math.hypot(p[0] - q[0], p[1] - q[1])
    # two subdistrict seeds next to the district seat, then farthest-point sampling
    seeds = [seat]
    cand = [c for c in order if 2.0 <= dist(c, seat) <= 3.2]
    seeds.append(max(cand, key=lambda c: (c[1] - seat[1], -abs(c[0] - seat[0]), c)))
    while len(seeds) < n_towns:
        seeds.append(max(order, key=lambda c: (min(dist(c, s) for s in seeds)
                                               + 0.35 * rng.random(), c)))
    weight = [0.55, 0.55] + [rng.uniform(0.85, 1.15) for _ in seeds[2:]]
    assign = {}
    for c in order:
        assign[c] = min(range(len(seeds)),
                        key=lambda t: (dist(c, seeds[t]) / weight[t], t))
    for _ in range(200):
        changed = False
        for qa, qb, qc, qd in corner_quads():
            ta, tb, tc, td = (assign.get(q) for q in (qa, qb, qc, qd))
            if ta is not None and ta == td and tb != ta and tc != ta:
                tgt = qb if tb is not None else qc
                assign[tgt] = ta
                changed = True
            elif tb is not None and tb == tc and ta != tb and td != tb:
                tgt = qa if ta is not None else qd
                assign[tgt] = tb
                changed = True
        for t in range(len(seeds)):
            mine = [c for c in order if assign[c] == t]
            comps = components(mine)
            for comp in comps[1:]:
                for c in sorted(comp):
                    around = [assign[n] for n in neighbours4(c) if n in assign and assign[n] != t]
                    if around:
                        assign[c] = min(set(around), key=lambda x: (-around.count(x), x))
                        changed = True
            for h in enclosed(mine):
                if h in assign:
                    assign[h] = t
                    changed = True
        if not changed:
            break
    else:
        raise AssertionError("town partition did not settle")
    return seeds, assign


# ----------------------------------------------------------------------------------------------
# Names. Invented: two-character stems from two syllable lists. The lists were pruned (outside
# this script, which never reads real data) until no combination of them equals a village or
# town name of the real division-code lists the project's tests use as input.

STEM_FIRST = "青云杏枫松柏梅荷泉岩峰燕玉翠碧丹紫朝霞德和福丰宁安平春秋栗柳桂樟杉芦苇蓉莲芝鹿雁鹭鸣"
STEM_SECOND = "坞坑源岭坪田塘湾坝庄埠川林坂畈垄岙里墩岗谷洲浦堰园亭堡垟溪坳湖"

TOWN_NAMES = {
    "tianlu": ("雪岭镇", "town"),
    "tianlu2": ("云岭乡", "township"),
    "yuantou": ("溪源镇", "town"),
    "liangcang": ("禾丰镇", "town"),
    "gengzhi": ("星田镇", "town"),
    "yunshang": ("栗坪镇", "town"),
    "hongxin": ("虹溪镇", "town"),
}
SUBDISTRICT_NAMES = ["明湖街道", "翠屏街道"]
OTHER_TOWN_NAMES = ["青溪镇", "金坞镇", "凤鸣镇", "平川镇"]
OTHER_TOWNSHIP_NAMES = ["松岙乡", "石泉乡", "鹤林乡", "紫岚乡", "桃坞乡"]

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余"
            "杜叶程苏魏吕丁任沈姚卢姜钟谭陆汪范金廖夏方邹熊孟邱江章应楼俞")
GIVEN = ("建国伟强军平华明红丽芳敏静燕霞涛斌超波鹏飞宇浩然晨阳春秋林森海峰嘉俊杰欣怡雨婷"
         "梦琪晓雪文博子涵思远志刚德胜玉兰桂英秀珍立新卫东永利小龙一鸣佳琪诗雨")


# ----------------------------------------------------------------------------------------------
# Clusters (the six of the report)

CLUSTERS = [
    # key, name, brand, industry, colour (Okabe–Ito), description
    ("yuantou", "源头共富", "源头红", "竹子、茶叶", "#D55E00",
     '以竹子、茶叶为主导产业，按"一心一线四村九园"布局，以"源头农村产业融合发展示范园"为支点，'
     '打通挖竹笋、品竹宴、游竹乡、购竹品的竹笋全产业链，"四带共富"模式。'),
    ("liangcang", "粮仓", "十里稻香", "粮食", "#E69F00",
     '"十里稻香"共同富裕联合体：高标准农田改造，现代农业公司全面托管，合作社加工，'
     '土地集中流转，利润反哺村集体。'),
    ("tianlu", "天路·共富菜园", "雪乡共富菜园", "高山蔬菜", "#009E73",
     '高山云雾中的"共富菜园"联合体：盘活天路沿线闲置土地，企业、驻镇单位、新乡贤认领菜园，'
     '蔬菜综合服务中心成为天路上的共富工厂。'),
    ("gengzhi", "耕织原乡", "耕织云图", "粮油", "#0072B2",
     '"政企村户"四方联结，"耕织云图"数字田园、无人农场、数字植物工厂，星创走廊发展集群，'
     '农文旅并进。'),
    ("yunshang", "云上", "云上山货", "山核桃、电商", "#56B4E9",
     '山核桃原产地，坚果炒货电商起步，电商大楼、直播平台专区、村级快递站点，'
     '"产业在山上、生活在村庄、致富在网上、治理在云上"。'),
    ("hongxin", "虹心·秘境", "秘境", "乡村旅游", "#CC79A7",
     '"虹心"党建联盟引领三个村组建集体经济发展有限公司，"联盟主导、运营商主营、村级自营共营"，'
     '城乡合伙人模式发展乡村旅游。'),
]
CLUSTER_SIZE = {"yuantou": 9, "liangcang": 7, "tianlu": 9, "gengzhi": 7, "yunshang": 5,
                "hongxin": 5}
CLUSTER_ALLIANCE = {"yuantou": "源头红党建联盟", "liangcang": "十里稻香党建联盟",
                    "tianlu": "雪乡共富菜园党建联盟", "gengzhi": "星创党建联盟",
                    "yunshang": "云上电商党建联盟", "hongxin": "虹心党建联盟"}
LAYOUT_CURRENT = "现行布局"
LAYOUT_ALT = "调整方案一"

# Indicator columns of observations.csv: every catalogue entry that is not derived, in
# catalogue order (app/gf-catalog.c).
INDICATORS = [
    "coll_business_income", "coll_contract_income", "coll_investment_income",
    "coll_subsidy_income", "coll_other_income",
    "income_per_capita_net", "income_per_capita_disposable", "labour_fees_paid",
    "land_transferred", "rent_to_villagers", "rent_to_collective", "paddy_area",
    "high_standard_farmland", "idle_land_revived", "shared_garden_adopted",
    "common_prosperity_jobs", "social_capital",
    "ecommerce_sales", "ecommerce_households", "livestreams_held", "livestream_hosts_trained",
    "tourism_income", "loans_issued", "grants_given", "interest_saved",
    "talents_returned", "new_farmers", "problems_solved", "disputes_resolved",
    "safety_incidents",
]


# ----------------------------------------------------------------------------------------------
# Output helpers

def fmt_coord(q):
    return "%d.%06d" % (q // MICRO, q % MICRO)


def f2(x):
    return "%.2f" % x


def f1(x):
    return "%.1f" % x


def write_csv(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for row in rows:
            assert len(row) == len(header), (name, row)
            w.writerow(["" if v is None else v for v in row])
    return len(rows)


def json_str(s):
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def json_props(props):
    parts = []
    for k, v in props:
        parts.append("%s:%s" % (json_str(k), "null" if v is None else json_str(v)))
    return "{" + ",".join(parts) + "}"


def write_geojson(name, features):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        for k, (props, gtype, coords) in enumerate(features):
            fh.write('{"type":"Feature","properties":%s,'
                     '"geometry":{"type":"%s","coordinates":%s}}%s\n'
                     % (json_props(props), gtype, coords, "," if k + 1 < len(features) else ""))
        fh.write("]}\n")
    return len(features)


def coords_line(pts):
    return "[" + ",".join("[%s,%s]" % (fmt_coord(x), fmt_coord(y)) for x, y in pts) + "]"


# ----------------------------------------------------------------------------------------------

def main():
    rng_geo = stream(1)
    lat = Lattice(rng_geo)
    cells = make_mask(stream(2))
    order = sorted(cells)

    # repair the few cells whose wavy edges would make them non-simple
    for _ in range(8):
        bad = []
        for cell in order:
            pts = [lat.pts[v] for v in lat.cell_ring(cell)]
            if not ring_is_simple(pts) or signed_area2_int(pts) <= 0:
                bad.append(cell)
        if not bad:
            break
        print("lattice: %d cells with folded edges, flattening them" % len(bad), file=sys.stderr)
        for cell in bad:
            for key in lat.cell_edges(cell):
                lat.scale[key] = lat.scale.get(key, 1.0) * 0.5
        lat.realize()
    else:
        raise AssertionError("lattice repair failed")

    rng_m = stream(3)
    mount = {c: mountain_index(c, rng_m.uniform(-0.06, 0.06)) for c in order}

    # ---------------------------------------------------------------- towns
    seat = min(order, key=lambda c: (math.hypot(c[0] + 0.5 - 0.70 * C, c[1] + 0.5 - 0.47 * R), c))
    rng_t = stream(4)
    seeds, assign = partition_towns(cells, rng_t, 18, seat)
    n_towns = len(seeds)
    tcells = [sorted(c for c in order if assign[c] == t) for t in range(n_towns)]
    for t in range(n_towns):
        assert len(tcells[t]) >= 8, ("town too small", t, len(tcells[t]))
    tcent = []
    for t in range(n_towns):
        tcent.append((sum(c[0] + 0.5 for c in tcells[t]) / len(tcells[t]),
                      sum(c[1] + 0.5 for c in tcells[t]) / len(tcells[t])))
    tadj = [set() for _ in range(n_towns)]
    for c in order:
        for n in neighbours4(c):
            if n in assign and assign[n] != assign[c]:
                tadj[assign[c]].add(assign[n])
    tmount = [sum(mount[c] for c in tcells[t]) / len(tcells[t]) for t in range(n_towns)]

    # town roles
    role = {0: "sub1", 1: "sub2"}
    free = lambda: [t for t in range(n_towns) if t not in role]
    t_tl = min(free(), key=lambda t: (tcent[t][0], t))
    role[t_tl] = "tianlu"
    t_tl2 = min((t for t in free() if t in tadj[t_tl]), key=lambda t: (tcent[t][0], t))
    role[t_tl2] = "tianlu2"
    t_yt = max(free(), key=lambda t: (tcent[t][1] - 0.5 * abs(tcent[t][0] - 0.45 * C), t))
    role[t_yt] = "yuantou"
    t_lc = max(free(), key=lambda t: (tcent[t][0] - 0.3 * abs(tcent[t][1] - 0.35 * R), t))
    role[t_lc] = "liangcang"
    t_gz = min((t for t in free() if t in tadj[t_lc]), key=lambda t: (tmount[t], t))
    role[t_gz] = "gengzhi"
    t_ys = min(free(), key=lambda t: (tcent[t][0] + 0.6 * abs(tcent[t][1] - 0.5 * R), t))
    role[t_ys] = "yunshang"
    t_hx = min(free(), key=lambda t: (tcent[t][1] + 0.3 * abs(tcent[t][0] - 0.5 * C), t))
    role[t_hx] = "hongxin"
    rest = sorted(free(), key=lambda t: (-tmount[t], t))
    for k, t in enumerate(rest):
        role[t] = ("township%d" % k) if k < len(OTHER_TOWNSHIP_NAMES) else ("town%d" % k)
    assert len(rest) == len(OTHER_TOWNSHIP_NAMES) + len(OTHER_TOWN_NAMES), len(rest)

    town_name = {}
    town_kind = {}
    for t in range(n_towns):
        r = role[t]
        if r.startswith("sub"):
            town_name[t], town_kind[t] = SUBDISTRICT_NAMES[int(r[3]) - 1], "subdistrict"
        elif r in TOWN_NAMES:
            town_name[t], town_kind[t] = TOWN_NAMES[r]
        elif r.startswith("township"):
            town_name[t], town_kind[t] = OTHER_TOWNSHIP_NAMES[int(r[8:])], "township"
        else:
            town_name[t], town_kind[t] = OTHER_TOWN_NAMES[int(r[4:]) - len(OTHER_TOWNSHIP_NAMES)], \
                "town"
    # codes: 001–099 subdistricts, 100–199 towns, 200–399 townships; north to south
    town_code = {}
    for kind, base in (("subdistrict", 1), ("town", 101), ("township", 201)):
        ts = sorted((t for t in range(n_towns) if town_kind[t] == kind),
                    key=lambda t: (-round(tcent[t][1], 6), round(tcent[t][0], 6), t))
        for k, t in enumerate(ts):
            town_code[t] = "%s%03d" % (DISTRICT_CODE, base + k)
    town_of_role = {role[t]: t for t in range(n_towns)}

    # ---------------------------------------------------------------- villages
    rng_v = stream(5)
    n_cells = len(order)
    target_villages = 326
    merges = max(0, n_cells - target_villages)
    vcells = []
    used = set()
    cand = sorted(order, key=lambda c: (-(mount[c] + rng_v.uniform(0, 0.5)), c))
    for c in cand:
        if merges == 0:
            break
        if c in used or town_kind[assign[c]] == "subdistrict" or c == seeds[assign[c]]:
            continue
        nb = [n for n in neighbours4(c) if n in assign and assign[n] == assign[c]
              and n not in used and n != seeds[assign[c]]]
        if not nb:
            continue
        n = rng_v.choice(sorted(nb))
        used.add(c)
        used.add(n)
        vcells.append(sorted([c, n]))
        merges -= 1
    for c in order:
        if c not in used:
            vcells.append([c])
    vcells.sort()

    villages = []            # dicts
    cell_village = {}
    for cl in vcells:
        v = {"cells": cl, "town": assign[cl[0]]}
        rings = union_rings(lat, cl)
        assert len(rings) == 1
        v["ring"] = rings[0]
        cell_village.update({c: len(villages) for c in cl})
        villages.append(v)
    nv = len(villages)
    assert nv >= 300, nv

    for v in villages:
        pts = [lat.pts[k] for k in v["ring"]]
        xy = [lat.xy[k] for k in v["ring"]]
        assert ring_is_simple(pts) and signed_area2_int(pts) > 0
        v["pts"] = pts
        v["area"] = area_km2(xy)
        cx, cy = centroid_xy(xy)
        p = unproject(cx, cy)
        if not point_in_ring(p, pts):
            # fall back on the centroid of the larger cell
            big = max(v["cells"], key=lambda c: area_km2([lat.xy[k] for k in lat.cell_ring(c)]))
            p = unproject(*centroid_xy([lat.xy[k] for k in lat.cell_ring(big)]))
        assert point_in_ring(p, pts), "centroid outside its village"
        v["pt"] = p
        v["gx"] = sum(c[0] + 0.5 for c in v["cells"]) / len(v["cells"])
        v["gy"] = sum(c[1] + 0.5 for c in v["cells"]) / len(v["cells"])
        v["m"] = sum(mount[c] for c in v["cells"]) / len(v["cells"])

    vadj = [set() for _ in range(nv)]
    for c in order:
        for n in neighbours4(c):
            if n in cell_village and cell_village[n] != cell_village[c]:
                vadj[cell_village[c]].add(cell_village[n])
    vadj = [sorted(s) for s in vadj]

    # kinds and codes
    for t in range(n_towns):
        vs = [k for k in range(nv) if villages[k]["town"] == t]
        sx, sy = seeds[t][0] + 0.5, seeds[t][1] + 0.5
        by_dist = sorted(vs, key=lambda k: (math.hypot(villages[k]["gx"] - sx,
                                                       villages[k]["gy"] - sy), k))
        if town_kind[t] == "subdistrict":
            n_comm = int(math.ceil(0.6 * len(vs)))
        elif town_kind[t] == "town":
            n_comm = 2 if len(vs) > 20 else 1
        else:
            n_comm = 1 if len(vs) > 16 else 0
        comm = set(by_dist[:n_comm])
        for k in vs:
            villages[k]["kind"] = "community" if k in comm else "village"
        north_first = lambda k: (-villages[k]["gy"], villages[k]["gx"], k)
        for blk, base in (("community", 1), ("village", 201)):
            ks = sorted((k for k in vs if villages[k]["kind"] == blk), key=north_first)
            assert len(ks) <= 99
            for n, k in enumerate(ks):
                villages[k]["code"] = "%s%03d" % (town_code[t], base + n)
    vorder = sorted(range(nv), key=lambda k: villages[k]["code"])

    # names
    rng_n = stream(6)
    town_stems = {town_name[t][:2] for t in range(n_towns)}
    stems = [a + b for a in STEM_FIRST for b in STEM_SECOND if a != b]
    stems = [s for s in stems if s not in town_stems]
    rng_n.shuffle(stems)
    assert len(stems) >= nv
    for n, k in enumerate(vorder):
        v = villages[k]
        v["name"] = stems[n] + ("社区" if v["kind"] == "community" else "村")

    # population
    rng_p = stream(7)
    for k in vorder:
        v = villages[k]
        if v["kind"] == "community":
            pop = rng_p.uniform(2600, 6000)
        else:
            pop = 1000 + 2800 * (1 - v["m"]) + 500 * (len(v["cells"]) - 1) + rng_p.gauss(0, 450)
        v["pop"] = int(round(clamp(pop, 800, 6000)))
        v["hh"] = int(round(v["pop"] / 2.8 * rng_p.uniform(0.95, 1.05)))

    # ---------------------------------------------------------------- towns and district rings
    town_rings = []
    for t in range(n_towns):
        rings = union_rings(lat, tcells[t])
        assert len(rings) == 1, ("town with a hole or in pieces", t)
        town_rings.append(rings[0])
    drings = union_rings(lat, order)
    assert len(drings) == 1, "district with a hole or in pieces"
    dring = drings[0]
    dpts = [lat.pts[k] for k in dring]
    assert ring_is_simple(dpts) and signed_area2_int(dpts) > 0
    d_area = area_km2([lat.xy[k] for k in dring])
    t_area = []
    for t in range(n_towns):
        pts = [lat.pts[k] for k in town_rings[t]]
        assert ring_is_simple(pts) and signed_area2_int(pts) > 0
        t_area.append(area_km2([lat.xy[k] for k in town_rings[t]]))
        s = sum(v["area"] for v in villages if v["town"] == t)
        assert abs(s - t_area[t]) <= 1e-9 * t_area[t], ("village areas ≠ town area", t)
    assert abs(sum(t_area) - d_area) <= 1e-9 * d_area, "town areas ≠ district area"
    # every interior edge used by exactly two cells in opposite directions
    directed = {}
    for c in order:
        ring = lat.cell_ring(c)
        for k in range(len(ring)):
            e = (ring[k], ring[(k + 1) % len(ring)])
            assert e not in directed
            directed[e] = c
    n_boundary = sum(1 for (a, b) in directed if (b, a) not in directed)
    assert n_boundary == len(dring)
    lon_min = min(p[0] for p in dpts)
    lon_max = max(p[0] for p in dpts)
    lat_min = min(p[1] for p in dpts)
    lat_max = max(p[1] for p in dpts)
    assert BOX[0] * MICRO <= lon_min and lon_max <= BOX[2] * MICRO
    assert BOX[1] * MICRO <= lat_min and lat_max <= BOX[3] * MICRO

    # ---------------------------------------------------------------- clusters
    taken = {}
    is_village = lambda k: villages[k]["kind"] == "village"
    in_town = lambda k, t: villages[k]["town"] == t

    def grow(members, allowed, size, rng, bonus=lambda n: 0.0):
        members = list(members)
        while len(members) < size:
            front = sorted({n for m in members for n in vadj[m]
                            if allowed(n) and n not in members and n not in taken})
            assert front, "cluster cannot grow"
            members.append(max(front, key=lambda n: (sum(1 for m in members if n in vadj[m])
                                                     + rng.uniform(0, 0.9) + bonus(n), -n)))
        return members

    def centre_village(t):
        cx, cy = tcent[t]
        vs = [k for k in range(nv) if in_town(k, t) and is_village(k) and k not in taken]
        return min(vs, key=lambda k: (math.hypot(villages[k]["gx"] - cx, villages[k]["gy"] - cy),
                                      villages[k]["code"]))

    rng_c = stream(8)
    members = {}
    # 天路: five villages in the main town along the border, then four in the next town
    t1, t2 = town_of_role["tianlu"], town_of_role["tianlu2"]
    border = [k for k in range(nv) if in_town(k, t1) and is_village(k)
              and any(in_town(n, t2) and is_village(n) for n in vadj[k])]
    seed = min(border, key=lambda k: (math.hypot(villages[k]["gx"] - tcent[t1][0],
                                                 villages[k]["gy"] - tcent[t1][1]), k))
    ms = grow([seed], lambda n: in_town(n, t1) and is_village(n), 5, rng_c)
    ms = grow(ms, lambda n: in_town(n, t2) and is_village(n), CLUSTER_SIZE["tianlu"], rng_c)
    members["tianlu"] = ms
    taken.update({k: "tianlu" for k in ms})
    # 源头共富
    t = town_of_role["yuantou"]
    members["yuantou"] = grow([centre_village(t)], lambda n, t=t: in_town(n, t) and is_village(n),
                              CLUSTER_SIZE["yuantou"], rng_c)
    taken.update({k: "yuantou" for k in members["yuantou"]})
    # 粮仓 next to 耕织原乡
    tl, tg = town_of_role["liangcang"], town_of_role["gengzhi"]
    border = [k for k in range(nv) if in_town(k, tl) and is_village(k)
              and any(in_town(n, tg) and is_village(n) for n in vadj[k])]
    seed = min(border, key=lambda k: (math.hypot(villages[k]["gx"] - tcent[tl][0],
                                                 villages[k]["gy"] - tcent[tl][1]), k))
    near_tg = lambda n: 0.6 if any(in_town(x, tg) and is_village(x) for x in vadj[n]) else 0.0
    members["liangcang"] = grow([seed], lambda n: in_town(n, tl) and is_village(n),
                                CLUSTER_SIZE["liangcang"], rng_c, near_tg)
    taken.update({k: "liangcang" for k in members["liangcang"]})
    gseed = min((n for n in vadj[seed] if in_town(n, tg) and is_village(n)),
                key=lambda k: villages[k]["code"])
    near_lc = lambda n: 1.2 if any(x in members["liangcang"] for x in vadj[n]) else 0.0
    members["gengzhi"] = grow([gseed], lambda n: in_town(n, tg) and is_village(n),
                              CLUSTER_SIZE["gengzhi"], rng_c, near_lc)
    taken.update({k: "gengzhi" for k in members["gengzhi"]})
    for key in ("yunshang", "hongxin"):
        t = town_of_role[key]
        members[key] = grow([centre_village(t)], lambda n, t=t: in_town(n, t) and is_village(n),
                            CLUSTER_SIZE[key], rng_c)
        taken.update({k: key for k in members[key]})

    def connected(ks):
        ks = set(ks)
        start = min(ks)
        seen = {start}
        todo = [start]
        while todo:
            x = todo.pop()
            for n in vadj[x]:
                if n in ks and n not in seen:
                    seen.add(n)
                    todo.append(n)
        return seen == ks

    # the alternative layout: one village moves from 耕织原乡 to 粮仓, one leaves 源头共富,
    # one joins 云上 and one joins 虹心·秘境
    # the lead village of each cluster is its first member
    lead = {key: ms[0] for key, ms in members.items()}
    alt = {key: list(ms) for key, ms in members.items()}
    for src, dst in (("gengzhi", "liangcang"), ("liangcang", "gengzhi")):
        mv = [k for k in alt[src] if any(n in alt[dst] for n in vadj[k])
              and connected([x for x in alt[src] if x != k]) and k != lead[src]]
        if mv:
            mv = min(mv, key=lambda k: villages[k]["code"])
            alt[src].remove(mv)
            alt[dst].append(mv)
            break
    else:
        raise AssertionError("no village can move between 耕织原乡 and 粮仓")
    lv = [k for k in alt["yuantou"] if k != members["yuantou"][0]
          and connected([x for x in alt["yuantou"] if x != k])]
    lv = max(lv, key=lambda k: villages[k]["code"])
    alt["yuantou"].remove(lv)
    for key in ("yunshang", "hongxin"):
        t = town_of_role[key]
        join = sorted({n for m in alt[key] for n in vadj[m] if n not in taken and is_village(n)
                       and in_town(n, t)}, key=lambda k: villages[k]["code"])
        assert join
        alt[key].append(join[0])
    for key, ms in list(members.items()) + list(alt.items()):
        assert 4 <= len(ms) <= 12 and connected(ms), key
        ts = {villages[k]["town"] for k in ms}
        assert len(ts) <= 2
        if len(ts) == 2:
            a, b = sorted(ts)
            assert b in tadj[a]
    vcluster = {}
    for key, ms in members.items():
        for k in ms:
            vcluster[k] = key
    cname = {c[0]: c[1] for c in CLUSTERS}
    ctown = {"tianlu": t1, "yuantou": town_of_role["yuantou"], "liangcang": tl, "gengzhi": tg,
             "yunshang": town_of_role["yunshang"], "hongxin": town_of_role["hongxin"]}

    # ================================================================= write: geography
    counts = {}
    counts["district.csv"] = write_csv("district.csv", ["code", "name"],
                                       [[DISTRICT_CODE, DISTRICT_NAME]])
    torder = sorted(range(n_towns), key=lambda t: town_code[t])
    counts["towns.csv"] = write_csv("towns.csv", ["code", "name", "kind"],
                                    [[town_code[t], town_name[t], town_kind[t]] for t in torder])
    rows = []
    for k in vorder:
        v = villages[k]
        rows.append([v["code"], v["name"], town_code[v["town"]], v["kind"], fmt_coord(v["pt"][0]),
                     fmt_coord(v["pt"][1]), str(v["pop"]), str(v["hh"]), f2(v["area"])])
    counts["villages.csv"] = write_csv("villages.csv", ["code", "name", "town_code", "kind", "lon",
                                                        "lat", "population", "households",
                                                        "area_km2"], rows)

    def polygon(ring):
        pts = [lat.pts[k] for k in ring]
        closed = pts + [pts[0]]
        assert len(closed) >= 4 and closed[0] == closed[-1] and len(set(pts)) == len(pts)
        return "[" + coords_line(closed) + "]"

    feats = [([("level", "district"), ("code", DISTRICT_CODE), ("name", DISTRICT_NAME)],
              "Polygon", polygon(dring))]
    for t in torder:
        feats.append(([("level", "town"), ("code", town_code[t]), ("name", town_name[t])],
                      "Polygon", polygon(town_rings[t])))
    for k in vorder:
        v = villages[k]
        feats.append(([("level", "village"), ("code", v["code"]), ("name", v["name"])],
                      "Polygon", polygon(v["ring"])))
    counts["boundaries.geojson"] = write_geojson("boundaries.geojson", feats)

    # ================================================================= clusters and layouts
    rows = []
    for key, name, brand, industry, colour, desc in CLUSTERS:
        rows.append([name, brand, industry, colour, town_code[ctown[key]], desc])
    counts["clusters.csv"] = write_csv("clusters.csv", ["name", "brand", "industry", "color",
                                                        "town_code", "description"], rows)
    rows = []
    for layout, mm in ((LAYOUT_CURRENT, members), (LAYOUT_ALT, alt)):
        for key, *_ in CLUSTERS:
            for k in sorted(mm[key], key=lambda k: villages[k]["code"]):
                rows.append([layout, cname[key], villages[k]["code"]])
    counts["cluster_members.csv"] = write_csv("cluster_members.csv",
                                              ["layout", "cluster", "village_code"], rows)

    # ================================================================= alliances
    DISTRICT_ALLIANCE = "示例红盟"
    host_towns = sorted({villages[k]["town"] for ms in members.values() for k in ms},
                        key=lambda t: town_code[t])
    town_alliance = {t: town_name[t] + "党建联盟" for t in host_towns}
    rows = [[DISTRICT_ALLIANCE, "district", None, None, None]]
    for t in host_towns:
        rows.append([town_alliance[t], "town", DISTRICT_ALLIANCE, town_code[t], None])
    for key, name, *_ in CLUSTERS:
        t = ctown[key]
        rows.append([CLUSTER_ALLIANCE[key], "cluster", town_alliance[t], town_code[t], name])
    counts["alliances.csv"] = write_csv("alliances.csv",
                                        ["name", "level", "parent", "town_code", "cluster"], rows)

    # ================================================================= organizations
    orgs = []       # [name, kind, town_code, village_code]
    DEPTS = ["示例区委组织部", "示例区农业农村局", "示例区市场监管局", "示例区文化和旅游局",
             "示例区商务局", "示例区交通运输局"]
    for d in DEPTS:
        orgs.append([d, "department", None, None])
    town_org = {}
    for t in host_towns:
        town_org[t] = town_name[t] + ("党工委" if town_kind[t] == "subdistrict" else "党委")
        orgs.append([town_org[t], "town", town_code[t], None])
    village_org = {}
    all_member_villages = sorted({k for mm in (members, alt) for ms in mm.values() for k in ms},
                                 key=lambda k: villages[k]["code"])
    for n, k in enumerate(all_member_villages):
        v = villages[k]
        village_org[k] = v["name"] + ("股份经济合作社" if n % 5 == 3 else "党委")
        orgs.append([village_org[k], "village", town_code[v["town"]], v["code"]])
    UNIVERSITY = "示例农林大学"
    orgs.append([UNIVERSITY, "university", None, None])
    ENTERPRISES = [
        ("禾丰粮仓现代农业有限公司", "liangcang"),
        ("金穗粮油专业合作社", "liangcang"),
        ("雪岭高山蔬菜专业合作社", "tianlu"),
        ("野途公路旅行文化有限公司", "tianlu"),
        ("竹韵笋业食品有限公司", "yuantou"),
        ("栗坪山核桃炒货有限公司", "yunshang"),
        ("星田数字农业科技有限公司", "gengzhi"),
        ("秘境文旅运营有限公司", "hongxin"),
    ]
    for name, key in ENTERPRISES:
        orgs.append([name, "enterprise", town_code[ctown[key]], None])
    BANK = "示例农商银行"
    POSTAL = "邮储银行示例区支行"
    orgs.append([BANK, "bank", None, None])
    orgs.append([POSTAL, "bank", None, None])
    SOCIAL = ["示例区乡贤联谊会", "示例区电子商务协会", "示例区新农人联合会"]
    for s in SOCIAL:
        orgs.append([s, "social", None, None])
    ms_hx = sorted(members["hongxin"], key=lambda k: villages[k]["code"])
    ms_yt = sorted(members["yuantou"], key=lambda k: villages[k]["code"])
    ms_tl = sorted(members["tianlu"], key=lambda k: villages[k]["code"])
    COMPANIES = [
        ("秘境集体经济发展有限公司", "hongxin", [(ms_hx[0], 40), (ms_hx[1], 35), (ms_hx[2], 25)]),
        ("源头强村发展有限公司", "yuantou",
         [(ms_yt[0], 30), (ms_yt[2], 25), (ms_yt[4], 25), (ms_yt[6], 20)]),
        ("雪乡共富菜园运营有限公司", "tianlu", [(k, 20) for k in ms_tl[:5]]),
    ]
    for name, key, owners in COMPANIES:
        orgs.append([name, "company", town_code[ctown[key]], None])
        assert sum(s for _, s in owners) == 100
    org_names = [o[0] for o in orgs]
    assert len(set(org_names)) == len(org_names)
    counts["organizations.csv"] = write_csv("organizations.csv",
                                            ["name", "kind", "town_code", "village_code"], orgs)
    rows = []
    for name, key, owners in COMPANIES:
        for k, s in owners:
            rows.append([name, villages[k]["code"], str(s)])
    counts["organization_owners.csv"] = write_csv("organization_owners.csv",
                                                  ["organization", "village_code",
                                                   "share_percent"], rows)

    # ================================================================= alliance members
    rng_a = stream(9)
    am = []
    seen_am = set()

    def member(alliance, org, role_, year):
        if (alliance, org) in seen_am:
            return
        seen_am.add((alliance, org))
        am.append([alliance, org, role_, str(year)])

    member(DISTRICT_ALLIANCE, "示例区委组织部", "牵头单位", 2019)
    for d in DEPTS[1:]:
        member(DISTRICT_ALLIANCE, d, "成员单位", 2019)
    for t in host_towns:
        member(DISTRICT_ALLIANCE, town_org[t], "成员单位", 2019)
    member(DISTRICT_ALLIANCE, UNIVERSITY, "共建单位", 2019)
    member(DISTRICT_ALLIANCE, BANK, "共建单位", 2020)
    member(DISTRICT_ALLIANCE, POSTAL, "共建单位", 2021)
    for n, s in enumerate(SOCIAL):
        member(DISTRICT_ALLIANCE, s, "成员单位", 2020 + n)
    ent_of = {}
    for name, key in ENTERPRISES:
        ent_of.setdefault(key, []).append(name)
    comp_of = {key: name for name, key, _ in COMPANIES}
    for t in host_towns:
        a = town_alliance[t]
        member(a, town_org[t], "牵头单位", 2020)
        keys = [key for key, *_ in CLUSTERS if ctown[key] == t]
        for key in keys:
            for e in ent_of.get(key, [])[:1]:
                member(a, e, "成员单位", 2020 + rng_a.randint(0, 2))
        for k in sorted((k for k in all_member_villages if villages[k]["town"] == t),
                        key=lambda k: villages[k]["code"]):
            if k in vcluster:
                member(a, village_org[k], "成员单位", 2020)
        member(a, BANK, "共建单位", 2021 + rng_a.randint(0, 1))
    dept_for = {"yuantou": ["示例区农业农村局", "示例区文化和旅游局"],
                "liangcang": ["示例区农业农村局"],
                "tianlu": ["示例区交通运输局", "示例区农业农村局"],
                "gengzhi": ["示例区农业农村局", "示例区市场监管局"],
                "yunshang": ["示例区商务局", "示例区市场监管局"],
                "hongxin": ["示例区文化和旅游局"]}
    social_for = {"yunshang": ["示例区电子商务协会"], "tianlu": ["示例区乡贤联谊会"],
                  "gengzhi": ["示例区新农人联合会"]}
    start_year = {"yuantou": 2019, "liangcang": 2020, "tianlu": 2021, "gengzhi": 2020,
                  "yunshang": 2019, "hongxin": 2020}
    for key, *_ in CLUSTERS:
        a = CLUSTER_ALLIANCE[key]
        y0 = start_year[key]
        member(a, village_org[lead[key]], "牵头单位", y0)
        for k in sorted(members[key], key=lambda k: villages[k]["code"]):
            member(a, village_org[k], "成员单位", y0 + (1 if rng_a.chance(0.25) else 0))
        for k in sorted(set(alt[key]) - set(members[key]), key=lambda k: villages[k]["code"]):
            member(a, village_org[k], "观察单位", 2023)
        for e in ent_of.get(key, []):
            member(a, e, "共建单位", y0 + rng_a.randint(0, 2))
        if key in comp_of:
            member(a, comp_of[key], "运营单位", min(2023, y0 + 2))
        for d in dept_for[key]:
            member(a, d, "共建单位", y0)
        for s in social_for.get(key, []):
            member(a, s, "共建单位", min(2023, y0 + 1))
        member(a, UNIVERSITY, "共建单位", y0 + rng_a.randint(0, 2))
        member(a, BANK if key != "yunshang" else POSTAL, "共建单位", min(2023, y0 + 1))
        if key == "yunshang":
            member(a, BANK, "共建单位", 2021)
    counts["alliance_members.csv"] = write_csv("alliance_members.csv",
                                               ["alliance", "organization", "role", "joined_year"],
                                               am)

    # ================================================================= sites
    rng_s = stream(10)
    vpoly = [v["pts"] for v in villages]

    def random_point_in(k):
        pts = villages[k]["pts"]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        cx, cy = villages[k]["pt"]
        for _ in range(200):
            # keep away from the edges: a point between the centroid and a random point
            p = (rng_s.randint(min(xs), max(xs)), rng_s.randint(min(ys), max(ys)))
            f = rng_s.uniform(0.25, 0.75)
            q = (int(round(cx + f * (p[0] - cx))), int(round(cy + f * (p[1] - cy))))
            if point_in_ring(q, pts):
                return q
        return villages[k]["pt"]

    def containing(p):
        hits = [k for k in range(nv) if point_in_ring(p, vpoly[k])]
        assert len(hits) == 1
        return hits[0]

    def pick_member(key, avoid_lead=False):
        ms = sorted(members[key], key=lambda k: villages[k]["code"])
        if avoid_lead:
            ms = [k for k in ms if k != lead[key]] or ms
        return rng_s.choice(ms)

    def neighbour_of(key):
        t = ctown[key]
        ns = sorted({n for m in members[key] for n in vadj[m] if n not in vcluster
                     and in_town(n, t)}, key=lambda k: villages[k]["code"])
        return rng_s.choice(ns)

    def town_seat_village(t):
        vs = [k for k in range(nv) if in_town(k, t)]
        return min(vs, key=lambda k: (villages[k]["kind"] != "community", villages[k]["code"]))

    SITES = [
        # name, kind, level, cluster, where, investment range (万元), years
        ("源头农村产业融合发展示范园", "integration_park", "national", "yuantou", "lead",
         (38000, 52000), (2017, 2019)),
        ("源头现代农业园物流中心", "logistics_centre", "city", "yuantou", "near", (3000, 6000),
         (2018, 2020)),
        ("竹乡共富驿站", "service_centre", "district", "yuantou", "member", (300, 800), (2021, 2023)),
        ("竹笋精深加工共富工厂", "common_factory", "provincial", "yuantou", "member", (2500, 4500),
         (2021, 2023)),
        ("源头白茶精品园", "agri_park", "city", "yuantou", "member", (800, 1600), (2016, 2019)),
        ("笋竹两用林示范园", "agri_park", "district", "yuantou", "member", (300, 700), (2017, 2020)),
        ("竹海听涛景区", "scenic_spot", "provincial", "yuantou", "member", (5000, 9000),
         (2015, 2018)),
        ("竹宴体验基地", "base", "district", "yuantou", "member", (200, 500), (2020, 2022)),
        ("十里稻香现代农业园", "agri_park", "provincial", "liangcang", "lead", (6000, 9000),
         (2018, 2020)),
        ("粮仓国家级水稻绿色高产高效示范基地", "base", "national", "liangcang", "member",
         (2000, 3500), (2019, 2021)),
        ("粮仓粮油加工共富工厂", "common_factory", "city", "liangcang", "member", (1500, 3000),
         (2020, 2022)),
        ("粮食烘干仓储物流中心", "logistics_centre", "district", "liangcang", "member", (1200, 2200),
         (2019, 2021)),
        ("无人机飞防服务站", "service_centre", "district", "liangcang", "member", (150, 400),
         (2021, 2023)),
        ("稻香研学基地", "base", "district", "liangcang", "member", (200, 600), (2022, 2024)),
        ("旷野公园", "scenic_spot", "city", "tianlu", "lead", (2500, 4000), (2021, 2022)),
        ("雪乡蔬菜综合服务中心", "common_factory", "provincial", "tianlu", "member", (3500, 6000),
         (2024, 2025)),
        ("雪乡蔬菜标准地", "agri_park", "city", "tianlu", "member", (1800, 3000), (2023, 2024)),
        ("雪乡共富菜园示范基地", "base", "district", "tianlu", "member", (100, 300), (2021, 2022)),
        ("天路高山蔬菜基地", "base", "city", "tianlu", "member", (600, 1200), (2018, 2020)),
        ("天路房车营地", "scenic_spot", "district", "tianlu", "member", (400, 900), (2022, 2023)),
        ("天路党群服务驿站", "service_centre", "district", "tianlu", "member", (80, 200),
         (2021, 2022)),
        ("耕织原乡省级现代化农事服务中心", "service_centre", "provincial", "gengzhi", "lead",
         (2500, 4000), (2021, 2022)),
        ("耕织云图数字田园", "base", "provincial", "gengzhi", "member", (1500, 2800), (2020, 2022)),
        ("星田无人农场", "agri_park", "city", "gengzhi", "member", (1200, 2000), (2022, 2023)),
        ("数字植物工厂", "common_factory", "city", "gengzhi", "member", (1800, 3200), (2023, 2024)),
        ("星创走廊农文旅融合园", "integration_park", "city", "gengzhi", "member", (3000, 5000),
         (2021, 2023)),
        ("耕织原乡红色文化教育基地", "scenic_spot", "district", "gengzhi", "member", (300, 700),
         (2019, 2021)),
        ("耕织来料加工共富工坊", "common_factory", "district", "gengzhi", "member", (100, 300),
         (2022, 2024)),
        ("云上电商大楼", "ecommerce_building", "city", "yunshang", "lead", (4000, 6500),
         (2018, 2019)),
        ("云上直播平台专区", "ecommerce_building", "district", "yunshang", "lead", (500, 900),
         (2020, 2021)),
        ("云上村级快递物流站", "logistics_centre", "district", "yunshang", "member", (150, 350),
         (2020, 2021)),
        ("山核桃林下采摘直播基地", "base", "district", "yunshang", "member", (200, 500),
         (2021, 2023)),
        ("坚果炒货共富工坊", "common_factory", "city", "yunshang", "member", (800, 1500),
         (2019, 2021)),
        ("云上全国电子商务进农村示范服务中心", "service_centre", "national", "yunshang", "member",
         (900, 1600), (2020, 2022)),
        ("草莓樱桃采摘园", "agri_park", "district", "yunshang", "member", (150, 400), (2019, 2022)),
        ("秘境景区", "scenic_spot", "provincial", "hongxin", "lead", (9000, 15000), (2017, 2019)),
        ("秘境游客服务中心", "service_centre", "city", "hongxin", "member", (800, 1500),
         (2019, 2020)),
        ("虹溪民宿集聚区", "scenic_spot", "city", "hongxin", "member", (4000, 8000), (2019, 2022)),
        ("城乡合伙人创业基地", "base", "provincial", "hongxin", "member", (600, 1200), (2020, 2022)),
        ("秘境研学营地", "base", "district", "hongxin", "member", (300, 800), (2022, 2024)),
        ("秘境农旅融合示范园", "integration_park", "city", "hongxin", "member", (2000, 4000),
         (2021, 2023)),
        # outside the clusters
        ("示例区农村电商公共服务中心", "ecommerce_building", "city", None, ("town", "sub1"),
         (1500, 2500), (2017, 2018)),
        ("示例区农产品冷链物流中心", "logistics_centre", "city", None, ("town", "sub2"),
         (5000, 8000), (2020, 2022)),
        ("示例区党群服务中心", "service_centre", "district", None, ("town", "sub1"), (1000, 2000),
         (2016, 2018)),
        ("示例区革命烈士纪念馆", "scenic_spot", "provincial", None, ("town", "sub1"), (1200, 2500),
         (2015, 2016)),
        ("青溪茶叶精品园", "agri_park", "district", None, ("town", "town5"), (300, 700),
         (2016, 2019)),
        ("金坞来料加工共富工厂", "common_factory", "district", None, ("town", "town6"), (200, 500),
         (2022, 2024)),
        ("凤鸣农旅融合园", "integration_park", "district", None, ("town", "town7"), (800, 1800),
         (2020, 2022)),
        ("平川粮食生产功能区", "agri_park", "provincial", None, ("town", "town8"), (1500, 3000),
         (2015, 2017)),
        ("松岙山地蔬菜基地", "base", "district", None, ("town", "township0"), (100, 300),
         (2019, 2021)),
        ("石泉峡谷景区", "scenic_spot", "city", None, ("town", "township1"), (2000, 4000),
         (2016, 2019)),
        ("紫岚中药材基地", "base", "district", None, ("town", "township3"), (200, 500),
         (2020, 2023)),
        ("桃坞乡村振兴服务站", "service_centre", "district", None, ("town", "township4"),
         (60, 150), (2022, 2024)),
    ]
    # the other towns' names follow their roles; check the site names match their towns
    role_name = {role[t]: town_name[t] for t in range(n_towns)}
    site_rows = []
    site_village = {}
    for name, kind, level, key, where, inv, yrs in SITES:
        if isinstance(where, tuple):
            t = town_of_role[where[1]]
            assert name[:2] in ("示例",) or name[:2] == role_name[where[1]][:2], (name, where)
            vs = sorted((k for k in range(nv) if in_town(k, t) and k not in vcluster),
                        key=lambda k: villages[k]["code"])
            k = town_seat_village(t) if where[1].startswith("sub") and name.endswith("中心") \
                else rng_s.choice(vs)
        elif where == "lead":
            k = lead[key]
        elif where == "near":
            k = neighbour_of(key)
        else:
            k = pick_member(key, avoid_lead=True)
        p = random_point_in(k)
        k2 = containing(p)
        assert k2 == k
        site_village[name] = k
        investment = rng_s.uniform(*inv)
        investment = round(investment / 10.0) * 10.0 if investment > 1000 else investment
        site_rows.append([name, kind, level, fmt_coord(p[0]), fmt_coord(p[1]),
                          cname[key] if key else None, villages[k]["code"], f2(investment),
                          str(rng_s.randint(*yrs))])
    assert len({r[0] for r in site_rows}) == len(site_rows) >= 45
    assert {r[1] for r in site_rows} == {"agri_park", "integration_park", "logistics_centre",
                                         "common_factory", "ecommerce_building",
                                         "service_centre", "scenic_spot", "base"}
    counts["sites.csv"] = write_csv("sites.csv", ["name", "kind", "level", "lon", "lat", "cluster",
                                                  "village_code", "investment_wan",
                                                  "year_opened"], site_rows)

    # ================================================================= routes
    rng_r = stream(11)

    def bfs_path(a, b, allowed):
        prev = {a: None}
        todo = [a]
        while todo:
            nxt = []
            for x in todo:
                for n in vadj[x]:
                    if n not in prev and allowed(n):
                        prev[n] = x
                        nxt.append(n)
            todo = nxt
        assert b in prev
        path = [b]
        while prev[path[-1]] is not None:
            path.append(prev[path[-1]])
        return path[::-1]

    def shared_point(a, b):
        ra = villages[a]["ring"]
        rb = villages[b]["ring"]
        eb = {(rb[k], rb[(k + 1) % len(rb)]) for k in range(len(rb))}
        shared = [(ra[k], ra[(k + 1) % len(ra)]) for k in range(len(ra))
                  if (ra[(k + 1) % len(ra)], ra[k]) in eb]
        assert shared
        e = shared[len(shared) // 2]
        p, q = lat.pts[e[0]], lat.pts[e[1]]
        return ((p[0] + q[0]) // 2, (p[1] + q[1]) // 2)

    def route_through(path, wiggle=0.12):
        way = [villages[path[0]]["pt"]]
        for a, b in zip(path, path[1:]):
            way.append(shared_point(a, b))
            way.append(villages[b]["pt"])
        line = [way[0]]
        for p, q in zip(way, way[1:]):
            dx, dy = q[0] - p[0], q[1] - p[1]
            off = rng_r.uniform(-wiggle, wiggle)
            line.append((int(round(p[0] + 0.5 * dx - off * dy)),
                         int(round(p[1] + 0.5 * dy + off * dx))))
            line.append(q)
        if len(line) > 30:
            line = way
        if len(line) > 30:
            line = [villages[k]["pt"] for k in path]
        assert 8 <= len(line) <= 30, len(line)
        # inside the district: every vertex strictly inside, no segment touching its boundary
        for p in line:
            assert point_in_ring(p, dpts)
        for p, q in zip(line, line[1:]):
            for k in range(len(dpts)):
                assert not segments_intersect(p, q, dpts[k], dpts[(k + 1) % len(dpts)])
        return line

    def longest_path(ms):
        best = None
        ms = sorted(ms)
        for a in ms:
            for b in ms:
                if a < b:
                    p = bfs_path(a, b, lambda n: n in ms)
                    if best is None or len(p) > len(best):
                        best = p
        return best

    routes = []
    tl_path = longest_path(members["tianlu"])
    if villages[tl_path[0]]["gx"] > villages[tl_path[-1]]["gx"]:
        tl_path = tl_path[::-1]
    routes.append(([("name", "雪岭天路"), ("kind", "scenic_road"), ("cluster", cname["tianlu"])],
                   route_through(tl_path)))
    yt_path = longest_path(members["yuantou"])
    routes.append(([("name", "源头现代农业风情线"), ("kind", "industry_line"),
                    ("cluster", cname["yuantou"])], route_through(yt_path)))
    seat_v = town_seat_village(0)
    red_v = site_village["耕织原乡红色文化教育基地"]
    red_path = bfs_path(seat_v, red_v, lambda n: True)
    red_path += bfs_path(red_v, lead["liangcang"], lambda n: True)[1:]
    routes.append(([("name", "初心之旅"), ("kind", "red_tourism"), ("cluster", None)],
                   route_through(red_path)))
    hx_path = longest_path(members["hongxin"])
    routes.append(([("name", "秘境乡村旅游环线"), ("kind", "scenic_road"),
                    ("cluster", cname["hongxin"])], route_through(hx_path)))
    counts["routes.geojson"] = write_geojson(
        "routes.geojson", [(props, "LineString", coords_line(line)) for props, line in routes])

    # ================================================================= finance (before the
    # observations, whose finance indicators are the sums of these records)
    rng_f = stream(12)
    fin = []
    cluster_vs = sorted(vcluster, key=lambda k: villages[k]["code"])
    plain_vs = [k for k in vorder if k not in vcluster and villages[k]["kind"] == "village"]
    loan_vs = [rng_f.choice(cluster_vs) for _ in range(34)] + rng_f.sample(plain_vs, 8)
    for k in loan_vs:
        amount = round(rng_f.uniform(50, 800) / 10.0) * 10.0
        fin.append([k, "loan", "共富贷", BANK, rng_f.randint(2021, 2025), amount,
                    round(amount * rng_f.uniform(0.012, 0.025), 2)])
    grant_vs = rng_f.sample(cluster_vs, 10) + rng_f.sample(plain_vs, 4)
    for n, k in enumerate(grant_vs):
        provider = BANK if n % 2 == 0 else "示例区农业农村局"
        amount = round(rng_f.uniform(5, 50), 1)
        fin.append([k, "grant", "专项扶持资金", provider, rng_f.randint(2021, 2025), amount, None])
    fin.sort(key=lambda r: (r[4], villages[r[0]]["code"], r[1], -r[5]))
    fin_sum = {}
    for k, kind, _, _, year, amount, saved in fin:
        s = fin_sum.setdefault((k, year), [0.0, 0.0, 0.0])
        if kind == "loan":
            s[0] += amount
            s[2] += saved
        else:
            s[1] += amount

    # ================================================================= talents (before the
    # observations too: the talent counts include the named talents)
    rng_h = stream(13)
    TALENT_SPEC = {
        "expert": ["竹笋栽培", "茶叶加工", "水稻育种", "高山蔬菜栽培", "植物保护", "农业机械",
                   "乡村旅游规划", "农产品电商", "土壤改良", "数字农业"],
        "graduate": ["电商运营", "民宿管理", "农产品包装设计", "短视频制作", "乡村规划",
                     "财务管理"],
        "veteran": ["合作社管理", "物流配送", "村务治理", "农机服务"],
        "xiangxian": ["企业家", "矛盾调解", "文化传承", "乡村教育"],
        "new_farmer": ["家庭农场", "高山蔬菜种植", "粮食种植", "精品民宿", "竹笋加工",
                       "山核桃种植", "茶园管理"],
        "livestream_host": ["直播带货", "短视频推广", "山货直播", "乡村旅游直播"],
    }
    KIND_COUNTS = {"expert": 10, "graduate": 14, "veteran": 8, "xiangxian": 8, "new_farmer": 16,
                   "livestream_host": 12}
    KIND_CLUSTERS = {"expert": None, "graduate": None, "veteran": None, "xiangxian": None,
                     "new_farmer": ["tianlu", "gengzhi", "liangcang", "yuantou"],
                     "livestream_host": ["yunshang", "yunshang", "gengzhi", "hongxin"]}
    used_names = set()
    talents = []
    ckeys = [c[0] for c in CLUSTERS]
    for kind in ("expert", "graduate", "veteran", "xiangxian", "new_farmer", "livestream_host"):
        for n in range(KIND_COUNTS[kind]):
            while True:
                nm = rng_h.choice(SURNAMES) + "".join(
                    rng_h.choice(GIVEN) for _ in range(1 if rng_h.chance(0.3) else 2))
                if nm not in used_names:
                    used_names.add(nm)
                    break
            if n % 7 == 6 and kind != "expert":
                key = None
                k = rng_h.choice(plain_vs)
            else:
                key = rng_h.choice(KIND_CLUSTERS[kind] or ckeys)
                k = None if kind == "expert" and n % 2 == 0 else \
                    rng_h.choice(sorted(members[key], key=lambda k: villages[k]["code"]))
            since = rng_h.randint(2015, 2025) if kind != "livestream_host" else \
                rng_h.randint(2019, 2025)
            talents.append([nm, kind, rng_h.choice(TALENT_SPEC[kind]), key, k, since])
    named = {}
    for nm, kind, spec, key, k, since in talents:
        if k is not None:
            col = {"graduate": "talents_returned", "veteran": "talents_returned",
                   "new_farmer": "new_farmers",
                   "livestream_host": "livestream_hosts_trained"}.get(kind)
            if col:
                named[(k, since, col)] = named.get((k, since, col), 0) + 1

    # ================================================================= observations
    rng_o = stream(14)
    obs_rows = []
    gaps = set()
    plain_sorted = [k for k in vorder if k not in vcluster]
    gap_v = [plain_sorted[len(plain_sorted) // 7], plain_sorted[len(plain_sorted) // 2],
             plain_sorted[(5 * len(plain_sorted)) // 6]]
    for c in INDICATORS[:5]:
        gaps.add((gap_v[0], 2016, c))
    for c in ("ecommerce_sales", "tourism_income", "common_prosperity_jobs"):
        gaps.add((gap_v[1], 2017, c))
    for c in ("income_per_capita_net", "land_transferred", "rent_to_villagers"):
        gaps.add((gap_v[2], 2023, c))
    gaps.add((sorted(members["yunshang"])[1], 2016, "livestreams_held"))

    for k in vorder:
        v = villages[k]
        key = vcluster.get(k)
        incl = key is not None
        comm = v["kind"] == "community"
        m = v["m"]
        t = v["town"]
        mu = v["area"] * 1500.0
        series = {c: [0.0] * len(YEARS) for c in INDICATORS}

        def grow_back(final, lo, hi, noise=0.01, dips=None):
            out = [0.0] * len(YEARS)
            out[-1] = final
            g = rng_o.uniform(lo, hi)
            for y in range(len(YEARS) - 1, 0, -1):
                r = clamp(g + rng_o.gauss(0, noise), lo, hi)
                if dips and YEARS[y] in dips:
                    r = dips[YEARS[y]]
                out[y - 1] = out[y] / (1 + r)
            return out

        # farmers' income
        base = 38000 + 9000 * (0.5 - m) + (4000 if town_kind[t] == "subdistrict" else 0) \
            + (2500 if comm else 0) + (1500 if incl else 0)
        disp = within(lambda: base + rng_o.gauss(0, 2200), 30200, 49800)
        series["income_per_capita_disposable"] = grow_back(
            disp, 0.065 if incl else 0.05, 0.08, 0.006, {2020: rng_o.uniform(0.035, 0.045)})
        ratio = rng_o.uniform(0.885, 0.915)
        series["income_per_capita_net"] = [x * ratio * rng_o.uniform(0.995, 1.005)
                                           for x in series["income_per_capita_disposable"]]
        # collective income
        if incl:
            op = within(lambda: math.exp(rng_o.gauss(math.log(230), 0.4)), 90, 500)
            op_s = grow_back(op, 0.10, 0.20, 0.025)
        else:
            med = 100 if not comm else 130
            op = within(lambda: math.exp(rng_o.gauss(math.log(med), 0.62)), 20, 480)
            op_s = grow_back(op, 0.03, 0.08, 0.015)
        sb = rng_o.uniform(0.28, 0.55)
        si = rng_o.uniform(0.05, 0.18)
        for y in range(len(YEARS)):
            b = clamp(sb + rng_o.gauss(0, 0.02), 0.2, 0.65)
            i_ = clamp(si + rng_o.gauss(0, 0.01), 0.02, 0.25)
            series["coll_business_income"][y] = op_s[y] * b
            series["coll_investment_income"][y] = op_s[y] * i_
            series["coll_contract_income"][y] = op_s[y] * (1 - b - i_)
        sub = rng_o.uniform(8, 35) * (1.3 if comm else 1.0)
        series["coll_subsidy_income"] = [sub * rng_o.uniform(0.75, 1.25) * (1 + 0.03 * y)
                                         for y in range(len(YEARS))]
        oth = rng_o.uniform(1, 12)
        series["coll_other_income"] = [oth * rng_o.uniform(0.6, 1.4) for _ in YEARS]
        # land
        if key in ("liangcang", "gengzhi"):
            ft = rng_o.uniform(0.20, 0.33)
        elif key == "tianlu":
            ft = rng_o.uniform(0.08, 0.15)
        elif comm:
            ft = rng_o.uniform(0.01, 0.05)
        elif m < 0.4:
            ft = rng_o.uniform(0.08, 0.22)
        else:
            ft = rng_o.uniform(0.02, 0.10)
        lt25 = mu * ft
        lt16 = lt25 * rng_o.uniform(0.45, 0.8)
        series["land_transferred"] = [lt16 + (lt25 - lt16) * (y / 9.0) ** rng_o.uniform(0.8, 1.3)
                                      for y in range(len(YEARS))]
        rv25 = rng_o.uniform(760, 1500) if m < 0.5 else rng_o.uniform(750, 1100)
        series["rent_to_villagers"] = grow_back(rv25, 0.0, 0.025, 0.005)
        rc25 = rng_o.uniform(150, 420)
        series["rent_to_collective"] = grow_back(rc25, 0.0, 0.04, 0.008)
        if key == "liangcang":
            pf = rng_o.uniform(0.30, 0.42)
        elif comm:
            pf = rng_o.uniform(0.0, 0.04)
        elif m < 0.4:
            pf = rng_o.uniform(0.10, 0.28)
        else:
            pf = rng_o.uniform(0.01, 0.06)
        paddy25 = mu * pf
        series["paddy_area"] = [paddy25 * (1 - (0.004 if key != "liangcang" else -0.01) * (9 - y))
                                for y in range(len(YEARS))]
        hf = rng_o.uniform(0.85, 1.0) if key == "liangcang" else \
            rng_o.uniform(0.3, 0.8) if m < 0.5 else rng_o.uniform(0.0, 0.4)
        hs25 = paddy25 * hf
        hs16 = hs25 * rng_o.uniform(0.2, 0.5)
        series["high_standard_farmland"] = [hs16 + (hs25 - hs16) * y / 9.0
                                            for y in range(len(YEARS))]

        def ramp(final, start_year, power=1.0):
            out = []
            for y in YEARS:
                if y < start_year:
                    out.append(0.0)
                else:
                    frac = (y - start_year + 1) / (2025 - start_year + 1)
                    out.append(final * frac ** power)
            return out

        if key == "tianlu":
            idle = rng_o.uniform(120, 400)
            series["idle_land_revived"] = ramp(idle, 2021, 0.8)
            series["shared_garden_adopted"] = [x * rng_o.uniform(0.25, 0.45)
                                               for x in series["idle_land_revived"]]
        elif incl:
            series["idle_land_revived"] = ramp(rng_o.uniform(10, 90), rng_o.randint(2020, 2022))
            if key == "gengzhi" and rng_o.chance(0.5):
                series["shared_garden_adopted"] = [x * 0.2 for x in series["idle_land_revived"]]
        elif rng_o.chance(0.2):
            series["idle_land_revived"] = ramp(rng_o.uniform(5, 40), rng_o.randint(2021, 2024))
        # jobs and investment
        if incl:
            jobs = rng_o.uniform(60, 220) if key == "yunshang" else rng_o.uniform(25, 150)
            series["common_prosperity_jobs"] = ramp(jobs, start_year[key], 0.9)
            series["labour_fees_paid"] = [j * rng_o.uniform(0.6, 1.1) for j in
                                          series["common_prosperity_jobs"]]
            series["social_capital"] = [0.0 if y < start_year[key] else
                                        rng_o.uniform(1000, 5000) if key == "hongxin" else
                                        rng_o.uniform(80, 1800) for y in YEARS]
        else:
            if rng_o.chance(0.5):
                series["common_prosperity_jobs"] = ramp(rng_o.uniform(2, 20), 2021)
                series["labour_fees_paid"] = [j * rng_o.uniform(0.4, 0.9) for j in
                                              series["common_prosperity_jobs"]]
            series["social_capital"] = [rng_o.uniform(20, 500) if rng_o.chance(0.12) else 0.0
                                        for _ in YEARS]
        # e-commerce
        if key == "yunshang":
            core = k == lead["yunshang"]
            es = rng_o.uniform(22000, 36000) if core else rng_o.uniform(1500, 7000)
            series["ecommerce_sales"] = grow_back(es, 0.18, 0.32, 0.03)
            series["ecommerce_households"] = grow_back(
                rng_o.uniform(260, 420) if core else rng_o.uniform(60, 180), 0.08, 0.16, 0.02)
            series["livestreams_held"] = ramp(rng_o.uniform(300, 900) if core else
                                              rng_o.uniform(80, 300), 2019, 1.2)
            series["livestream_hosts_trained"] = [0.0 if y < 2020 else rng_o.uniform(8, 45)
                                                  for y in YEARS]
        elif incl:
            series["ecommerce_sales"] = grow_back(rng_o.uniform(150, 1500), 0.08, 0.2, 0.03)
            series["ecommerce_households"] = grow_back(rng_o.uniform(5, 40), 0.04, 0.12, 0.02)
            series["livestreams_held"] = ramp(rng_o.uniform(40, 200) if key == "gengzhi"
                                              else rng_o.uniform(4, 50), 2020)
            series["livestream_hosts_trained"] = [
                0.0 if y < 2021 else rng_o.uniform(3, 15) if key == "gengzhi"
                else rng_o.uniform(0, 3.4) for y in YEARS]
        elif rng_o.chance(0.6):
            series["ecommerce_sales"] = grow_back(rng_o.uniform(10, 220), 0.05, 0.15, 0.03)
            series["ecommerce_households"] = grow_back(rng_o.uniform(1, 15), 0.03, 0.1, 0.02)
            if rng_o.chance(0.3):
                series["livestreams_held"] = ramp(rng_o.uniform(2, 12), 2021)
        # tourism, with the pandemic years
        covid = {2020: -0.35, 2021: 0.25, 2022: -0.15, 2023: 0.45}
        if key == "hongxin":
            series["tourism_income"] = grow_back(rng_o.uniform(1500, 6000), 0.12, 0.25, 0.03,
                                                 covid)
        elif key == "tianlu":
            series["tourism_income"] = grow_back(rng_o.uniform(300, 2000), 0.12, 0.25, 0.03, covid)
        elif key == "yuantou":
            series["tourism_income"] = grow_back(rng_o.uniform(200, 1000), 0.08, 0.16, 0.03, covid)
        elif incl:
            series["tourism_income"] = grow_back(rng_o.uniform(40, 300), 0.05, 0.12, 0.03, covid)
        elif rng_o.chance(0.5):
            series["tourism_income"] = grow_back(rng_o.uniform(10, 200), 0.03, 0.1, 0.03, covid)
        # finance (sums of finance.csv)
        for y, year in enumerate(YEARS):
            s = fin_sum.get((k, year))
            if s:
                series["loans_issued"][y], series["grants_given"][y], \
                    series["interest_saved"][y] = s
        # talents, technology, governance
        for y, year in enumerate(YEARS):
            series["talents_returned"][y] = rng_o.randint(2, 12) if incl and year >= 2019 else \
                rng_o.randint(0, 3)
            series["new_farmers"][y] = rng_o.randint(1, 10) if incl and year >= 2019 else \
                rng_o.randint(0, 2) if rng_o.chance(0.5) else 0
            series["problems_solved"][y] = rng_o.randint(2, 15) if incl and year >= 2020 else \
                rng_o.randint(0, 3) if rng_o.chance(0.3) else 0
            series["disputes_resolved"][y] = max(1, int(round(v["pop"] / 300.0
                                                              * rng_o.uniform(0.5, 1.5))))
            r = rng_o.random()
            series["safety_incidents"][y] = 0 if r < 0.76 else 1 if r < 0.94 else \
                2 if r < 0.99 else 3
            for col in ("talents_returned", "new_farmers", "livestream_hosts_trained"):
                nn = named.get((k, year, col), 0)
                if nn:
                    series[col][y] = max(int(round(series[col][y])), nn)

        ints = {"income_per_capita_net", "income_per_capita_disposable", "rent_to_villagers",
                "rent_to_collective", "common_prosperity_jobs", "ecommerce_households",
                "livestreams_held", "livestream_hosts_trained", "talents_returned", "new_farmers",
                "problems_solved", "disputes_resolved", "safety_incidents"}
        ones = {"land_transferred", "paddy_area", "high_standard_farmland", "idle_land_revived",
                "shared_garden_adopted"}
        for y, year in enumerate(YEARS):
            row = [v["code"], str(year)]
            for c in INDICATORS:
                if (k, year, c) in gaps:
                    row.append(None)
                    continue
                x = series[c][y]
                if c in ints:
                    row.append(str(int(round(x))))
                elif c in ones:
                    row.append(f1(x))
                else:
                    row.append(f2(x))
            obs_rows.append(row)
    counts["observations.csv"] = write_csv("observations.csv",
                                           ["village_code", "year"] + INDICATORS, obs_rows)

    # ================================================================= tasks
    rng_k = stream(15)
    TASKS = {
        "yuantou": ["竹笋全产业链延链补链", "源头红品牌推广", "竹宴体验线路提升", "白茶精品园扩面",
                    "示范园研学接待", "四带共富模式总结"],
        "liangcang": ["高标准农田改造", "非粮化整治", "无人机飞防全覆盖", "十里稻香品牌销售",
                      "土地集中流转", "利润反哺村集体"],
        "tianlu": ["共富菜园认领扩面", "天路沿线闲置土地盘活", "蔬菜综合服务中心建设",
                   "旷野公园引流", "高山蔬菜标准地流转"],
        "gengzhi": ["耕织云图数字田园二期", "无人农场扩面", "星创走廊招商", "来料加工岗位拓展",
                    "新农人推介官培育"],
        "yunshang": ["网红培育计划", "电商大楼招商", "村级快递站点提质", "银行+电商融资对接",
                     "山核桃采摘直播"],
        "hongxin": ["秘境景区提升", "城乡合伙人招募", "民宿集聚区规范经营", "社会资本引进",
                    "集体经济发展公司分红"],
    }
    task_rows = []
    for key, name, *_ in CLUSTERS:
        for n, title in enumerate(TASKS[key]):
            year = 2024 if n % 2 == 0 else 2025
            due = "%d-%02d-%02d" % (year, rng_k.choice([3, 6, 6, 9, 10, 12, 12]),
                                    rng_k.choice([15, 28, 30]))
            if due.endswith("02-30"):
                due = due[:-2] + "28"
            if year == 2024:
                prog = 100 if rng_k.chance(0.7) else rng_k.randint(80, 95)
            else:
                prog = rng_k.randint(20, 100)
            task_rows.append([title, CLUSTER_ALLIANCE[key], name, str(year), due, str(prog)])
    for title, year, prog in (("全域党建联盟数字化平台上线", 2024, 100),
                              ("联盟组团比拼晾晒", 2025, 75),
                              ("科技进乡村十百千活动", 2025, 60)):
        task_rows.append([title, DISTRICT_ALLIANCE, None, str(year), "%d-12-31" % year, str(prog)])
    for t in host_towns[:2]:
        task_rows.append([town_name[t] + "两进两回党支部建设", town_alliance[t], None, "2025",
                          "2025-09-30", str(rng_k.randint(40, 90))])
    assert len(task_rows) >= 30
    counts["tasks.csv"] = write_csv("tasks.csv", ["title", "alliance", "cluster", "year",
                                                  "due_date", "progress"], task_rows)

    # ================================================================= activities
    rng_y = stream(16)
    ACT = {
        "problem_solved": ["科技进乡村：病虫害防治", "科技进乡村：品种选育", "科技进乡村：土壤改良",
                           "科技进乡村：加工工艺", "科技进乡村：冷链保鲜"],
        "meeting": ["联盟联席会议", "组团共富推进会", "比拼晾晒擂台赛", "书记讲堂"],
        "event": ["共富市集", "开镰节", "乡村音乐会", "研学体验日", "人才山乡荟"],
        "online": ["线上打卡", "联盟云课堂", "线上任务更新", "助农直播"],
    }
    EVENT = {"yuantou": "竹笋节", "liangcang": "开镰节", "tianlu": "共富菜园认领日",
             "gengzhi": "耕织农事节", "yunshang": "山核桃直播节", "hongxin": "秘境音乐节"}
    acts = []
    kinds = ["problem_solved", "meeting", "event", "online"]

    def rand_date():
        year = 2024 + rng_y.randint(0, 1)
        month = rng_y.randint(1, 12)
        day = rng_y.randint(1, 28)
        return "%d-%02d-%02d" % (year, month, day)

    for key, name, *_ in CLUSTERS:
        for n in range(16):
            kind = kinds[n % 4]
            title = EVENT[key] if kind == "event" and n % 8 == 2 else rng_y.choice(ACT[kind])
            count = rng_y.randint(1, 6) if kind == "problem_solved" else \
                rng_y.randint(8, 80) if kind == "online" else 1
            alliance = CLUSTER_ALLIANCE[key] if n != 5 else None
            acts.append([alliance, name, kind, rand_date(), str(count), title])
    for n in range(10):
        kind = kinds[n % 4]
        acts.append([DISTRICT_ALLIANCE, None, kind, rand_date(),
                     str(rng_y.randint(10, 60) if kind == "online" else
                         rng_y.randint(5, 20) if kind == "problem_solved" else 1),
                     rng_y.choice(ACT[kind])])
    for t in host_towns:
        for kind in ("meeting", "online"):
            acts.append([town_alliance[t], None, kind, rand_date(),
                         str(1 if kind == "meeting" else rng_y.randint(5, 40)),
                         rng_y.choice(ACT[kind])])
    acts.sort(key=lambda r: (r[3], r[0] or "", r[1] or "", r[2]))
    assert len(acts) >= 100
    counts["activities.csv"] = write_csv("activities.csv", ["alliance", "cluster", "kind", "date",
                                                            "count", "title"], acts)

    # ================================================================= finance, talents, rules
    counts["finance.csv"] = write_csv(
        "finance.csv", ["village_code", "kind", "product", "provider", "year", "amount_wan",
                        "interest_saved_wan"],
        [[villages[k]["code"], kind, prod, prov, str(year), f2(amount),
          None if saved is None else f2(saved)]
         for k, kind, prod, prov, year, amount, saved in fin])
    counts["talents.csv"] = write_csv(
        "talents.csv", ["name", "kind", "specialty", "cluster", "village_code", "since_year"],
        [[nm, kind, spec, cname[key] if key else None, villages[k]["code"] if k is not None
          else None, str(since)] for nm, kind, spec, key, k, since in talents])
    counts["score_rules.csv"] = write_csv(
        "score_rules.csv", ["component", "indicator", "weight"],
        [["task", None, "0.4"], ["activity", None, "0.2"],
         ["growth", "coll_operating_income", "0.25"],
         ["growth", "income_per_capita_disposable", "0.15"]])

    # ================================================================= summary
    info = sys.stderr
    print("示例区 %s: %d towns, %d villages (%d cells), district area %.2f km²"
          % (DISTRICT_CODE, n_towns, nv, n_cells, d_area), file=info)
    print("extent lon %s–%s, lat %s–%s" % (fmt_coord(lon_min), fmt_coord(lon_max),
                                          fmt_coord(lat_min), fmt_coord(lat_max)), file=info)
    for name in sorted(counts):
        print("  %-26s %6d rows" % (name, counts[name]), file=info)


if __name__ == "__main__":
    main()

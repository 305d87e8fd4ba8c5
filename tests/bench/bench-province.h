/* bench-province.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The synthetic province the map benchmarks share: a lattice of NY rows of villages (24-vertex
 * polygons with shared, jittered edges), towns of 10 × 10 villages, clusters of 5 × 10 villages
 * in three blocks of five, N_SITES sites and N_ROUTES routes, written through the store API.
 */

#pragma once

#include "gf-store.h"

G_BEGIN_DECLS

#define NY 100
#define EDGE_POINTS 6          /* segments per cell side: 24 vertices a village */
#define CELL 0.01              /* degrees */
#define LON0 118.5
#define LAT0 29.2
#define N_SITES 1000
#define N_ROUTES 20

double gf_bench_noise           (guint64     key);
void   gf_bench_create_province (GfDatabase *db,
                                 int         nx);

G_END_DECLS

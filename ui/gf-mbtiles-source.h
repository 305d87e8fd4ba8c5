/* gf-mbtiles-source.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "gf-mbtiles.h"

G_BEGIN_DECLS

#define GF_TYPE_MBTILES_SOURCE (gf_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (GfMbtilesSource, gf_mbtiles_source, GF, MBTILES_SOURCE, ShumateMapSource)

GfMbtilesSource *gf_mbtiles_source_new            (GfMbtiles        *mbtiles);
GfMbtiles       *gf_mbtiles_source_get_mbtiles    (GfMbtilesSource  *self);
guint            gf_mbtiles_source_get_n_pending  (GfMbtilesSource  *self);
guint            gf_mbtiles_source_get_n_failed   (GfMbtilesSource  *self);

G_END_DECLS

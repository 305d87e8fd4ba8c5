/* gf-store-mbtiles-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of MBTiles files (gf-store-mbtiles.c), for gf-mbtiles.c only: a read-only
 * connection of its own to a tile file, which is never the project database.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GfMbtilesStore GfMbtilesStore;

GfMbtilesStore *_gf_mbtiles_store_open           (const char       *path,
                                                  GError          **error);
void            _gf_mbtiles_store_free           (GfMbtilesStore   *store);
gboolean        _gf_mbtiles_store_read_metadata  (GfMbtilesStore   *store,
                                                  GHashTable       *metadata,
                                                  GError          **error);
gboolean        _gf_mbtiles_store_has_tiles      (GfMbtilesStore   *store,
                                                  gboolean         *has_tiles,
                                                  GError          **error);
gboolean        _gf_mbtiles_store_get_zoom_range (GfMbtilesStore   *store,
                                                  int              *min_zoom,
                                                  int              *max_zoom,
                                                  GError          **error);
gboolean        _gf_mbtiles_store_get_extent     (GfMbtilesStore   *store,
                                                  int               zoom,
                                                  int              *column_min,
                                                  int              *column_max,
                                                  int              *row_min,
                                                  int              *row_max,
                                                  GError          **error);
gboolean        _gf_mbtiles_store_get_tile       (GfMbtilesStore   *store,
                                                  int               zoom,
                                                  int               column,
                                                  int               row,
                                                  GBytes          **out,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfMbtilesStore, _gf_mbtiles_store_free)

G_END_DECLS

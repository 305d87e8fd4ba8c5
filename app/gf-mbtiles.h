/* gf-mbtiles.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GF_MBTILES_ERROR (gf_mbtiles_error_quark ())

/**
 * GfMbtilesError:
 * @GF_MBTILES_ERROR_OPEN: the file does not exist or cannot be read
 * @GF_MBTILES_ERROR_NOT_MBTILES: not an SQLite database, or one without the `metadata` and
 *   `tiles` tables of MBTiles
 * @GF_MBTILES_ERROR_METADATA: a required metadata entry (`name`, `format`) is missing or the
 *   zoom range or bounds are unusable
 * @GF_MBTILES_ERROR_UNSUPPORTED_FORMAT: vector tiles (`pbf`) or an image format other than
 *   PNG, JPEG and WebP
 * @GF_MBTILES_ERROR_EMPTY: the file holds no tile
 * @GF_MBTILES_ERROR_READ: reading a tile failed (the file changed or is damaged)
 *
 * Why an MBTiles file cannot be used. Every message names the file and can be shown as is.
 */
typedef enum
{
  GF_MBTILES_ERROR_OPEN,
  GF_MBTILES_ERROR_NOT_MBTILES,
  GF_MBTILES_ERROR_METADATA,
  GF_MBTILES_ERROR_UNSUPPORTED_FORMAT,
  GF_MBTILES_ERROR_EMPTY,
  GF_MBTILES_ERROR_READ,
} GfMbtilesError;

#define GF_TYPE_MBTILES (gf_mbtiles_get_type ())

G_DECLARE_FINAL_TYPE (GfMbtiles, gf_mbtiles, GF, MBTILES, GObject)

GQuark      gf_mbtiles_error_quark        (void);
GfMbtiles  *gf_mbtiles_open               (const char           *path,
                                           GError              **error);
void        gf_mbtiles_open_async         (const char           *path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GfMbtiles  *gf_mbtiles_open_finish        (GAsyncResult         *result,
                                           GError              **error);
const char *gf_mbtiles_get_path           (GfMbtiles            *self);
const char *gf_mbtiles_get_name           (GfMbtiles            *self);
const char *gf_mbtiles_get_format         (GfMbtiles            *self);
const char *gf_mbtiles_get_attribution    (GfMbtiles            *self);
const char *gf_mbtiles_get_metadata       (GfMbtiles            *self,
                                           const char           *key);
int         gf_mbtiles_get_min_zoom       (GfMbtiles            *self);
int         gf_mbtiles_get_max_zoom       (GfMbtiles            *self);
void        gf_mbtiles_get_bounds         (GfMbtiles            *self,
                                           double               *west,
                                           double               *south,
                                           double               *east,
                                           double               *north);
gboolean    gf_mbtiles_get_tile           (GfMbtiles            *self,
                                           int                   zoom,
                                           int                   x,
                                           int                   y,
                                           GBytes              **out,
                                           GError              **error);
int         gf_mbtiles_xyz_to_tms_row     (int                   zoom,
                                           int                   y);

G_END_DECLS

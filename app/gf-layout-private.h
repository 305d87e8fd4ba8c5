/* gf-layout-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of layouts (gf-store-layout.c), for gf-layout.c only. These functions run single
 * statements; gf-layout.c wraps every write in one transaction.
 */

#pragma once

#include "gf-layout.h"

G_BEGIN_DECLS

/**
 * GfStoreLayoutVillage:
 * @id: the village
 * @population: its population, -1 when unknown
 * @area_km2: its stored area, NaN when the column is empty
 * @boundary: (nullable): its boundary blob, read only when @area_km2 is unknown
 * @boundary_size: the blob's size
 *
 * One village as layout totals need it; the pointers are valid during the callback only.
 */
typedef struct
{
  gint64       id;
  gint64       population;
  double       area_km2;
  const void  *boundary;
  gsize        boundary_size;
} GfStoreLayoutVillage;

typedef gboolean (*GfStoreLayoutVillageFunc) (const GfStoreLayoutVillage  *village,
                                              gpointer                     user_data,
                                              GError                     **error);

GPtrArray  *_gf_store_layout_list             (GfDatabase                *db,
                                               GError                   **error);
gboolean    _gf_store_layout_insert           (GfDatabase                *db,
                                               const char                *name,
                                               gint64                    *out_id,
                                               GError                   **error);
gboolean    _gf_store_layout_set_members      (GfDatabase                *db,
                                               gint64                     layout_id,
                                               GHashTable                *membership,
                                               GError                   **error);
gboolean    _gf_store_layout_rename           (GfDatabase                *db,
                                               gint64                     id,
                                               const char                *name,
                                               GError                   **error);
gboolean    _gf_store_layout_delete           (GfDatabase                *db,
                                               gint64                     id,
                                               GError                   **error);
gboolean    _gf_store_layout_set_current      (GfDatabase                *db,
                                               gint64                     id,
                                               GError                   **error);
GHashTable *_gf_store_layout_village_ids      (GfDatabase                *db,
                                               GError                   **error);
gboolean    _gf_store_layout_foreach_village  (GfDatabase                *db,
                                               GfStoreLayoutVillageFunc   func,
                                               gpointer                   user_data,
                                               GError                   **error);

G_END_DECLS

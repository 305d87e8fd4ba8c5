/* gf-null-source.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The viewport's reference map source: it only carries the tile size (256), the zoom range
 * (0–18) and the Web Mercator projection, and draws nothing. libshumate 1.0.3 needs one for
 * coordinate conversion and panning; the background under the map comes from CSS.
 */

#define G_LOG_DOMAIN "gf-null-source"

#include "config.h"

#include "gf-map-data.h"
#include "gf-null-source.h"

struct _GfNullSource
{
  ShumateMapSource parent_instance;
};

G_DEFINE_FINAL_TYPE (GfNullSource, gf_null_source, SHUMATE_TYPE_MAP_SOURCE)

static void
gf_null_source_fill_tile_async (ShumateMapSource    *source,
                                ShumateTile         *tile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, gf_null_source_fill_tile_async);
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
gf_null_source_fill_tile_finish (ShumateMapSource  *source,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
gf_null_source_class_init (GfNullSourceClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  source_class->fill_tile_async = gf_null_source_fill_tile_async;
  source_class->fill_tile_finish = gf_null_source_fill_tile_finish;
}

static void
gf_null_source_init (GfNullSource *self)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self);

  shumate_map_source_set_id (source, "gf-null");
  shumate_map_source_set_name (source, "Gongfu Atlas");
  shumate_map_source_set_tile_size (source, GF_MAP_TILE_SIZE);
  shumate_map_source_set_min_zoom_level (source, 0);
  shumate_map_source_set_max_zoom_level (source, 18);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);
}

/**
 * gf_null_source_new:
 *
 * Returns: (transfer full): a map source that draws nothing
 */
ShumateMapSource *
gf_null_source_new (void)
{
  return g_object_new (GF_TYPE_NULL_SOURCE, NULL);
}

/* gf-map-overlay.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "gf-map-data.h"
#include "gf-map-util.h"

G_BEGIN_DECLS

#define GF_TYPE_MAP_OVERLAY (gf_map_overlay_get_type ())

G_DECLARE_FINAL_TYPE (GfMapOverlay, gf_map_overlay, GF, MAP_OVERLAY, ShumateLayer)

GfMapOverlay *gf_map_overlay_new            (ShumateViewport  *viewport);
void          gf_map_overlay_set_data       (GfMapOverlay     *self,
                                             GfMapData        *data);
void          gf_map_overlay_set_hover      (GfMapOverlay     *self,
                                             GfMapFeatureKind  kind,
                                             int               index);
void          gf_map_overlay_set_selection  (GfMapOverlay     *self,
                                             GfMapFeatureKind  kind,
                                             int               index);
void          gf_map_overlay_world_to_widget (GfMapOverlay    *self,
                                             double            x,
                                             double            y,
                                             double           *wx,
                                             double           *wy);

G_END_DECLS

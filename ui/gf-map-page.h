/* gf-map-page.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-briefing.h"
#include "gf-map-details.h"
#include "gf-map-view.h"
#include "gf-plan-panel.h"
#include "gf-summary.h"

G_BEGIN_DECLS

#define GF_TYPE_MAP_PAGE (gf_map_page_get_type ())

/* The fewest classes a planner can ask for: two would hide the spread of the values. */
#define GF_MAP_PAGE_MIN_CLASSES 3

G_DECLARE_FINAL_TYPE (GfMapPage, gf_map_page, GF, MAP_PAGE, GtkWidget)

void          gf_map_page_set_summary       (GfMapPage       *self,
                                             const GfSummary *summary);
GfMapView    *gf_map_page_get_map_view      (GfMapPage       *self);
GfMapDetails *gf_map_page_get_details       (GfMapPage       *self);
gboolean      gf_map_page_set_color_by      (GfMapPage       *self,
                                             const char      *indicator_code);
void          gf_map_page_set_layer_visible (GfMapPage       *self,
                                             GfMapLayers      layer,
                                             gboolean         visible);
GfPlanPanel  *gf_map_page_get_plan_panel    (GfMapPage       *self);
GfSlide      *gf_map_page_make_slide        (GfMapPage       *self);
void          gf_map_page_set_planning      (GfMapPage       *self,
                                             gboolean         planning);
gboolean      gf_map_page_get_loading       (GfMapPage       *self);
void          gf_map_page_set_n_classes     (GfMapPage       *self,
                                             guint            n_classes);

G_END_DECLS

/* gf-map-details.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-aggregate.h"
#include "gf-map-data.h"
#include "gf-map-util.h"

G_BEGIN_DECLS

#define GF_TYPE_MAP_DETAILS (gf_map_details_get_type ())

G_DECLARE_FINAL_TYPE (GfMapDetails, gf_map_details, GF, MAP_DETAILS, GtkWidget)

void              gf_map_details_set_context  (GfMapDetails     *self,
                                               GfMapData        *data,
                                               GfAggregator     *aggregator,
                                               int               first_year,
                                               int               last_year,
                                               int               year);
void              gf_map_details_show         (GfMapDetails     *self,
                                               GfMapFeatureKind  kind,
                                               int               index);
GfMapFeatureKind  gf_map_details_get_feature  (GfMapDetails     *self,
                                               int              *index);
const char       *gf_map_details_get_title    (GfMapDetails     *self);
const char       *gf_map_details_get_subtitle (GfMapDetails     *self);
gboolean          gf_map_details_get_chart_subject (GfMapDetails  *self,
                                                    const char   **subject,
                                                    gint64        *id);

G_END_DECLS

/* gf-map-page.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-summary.h"

G_BEGIN_DECLS

#define GF_TYPE_MAP_PAGE (gf_map_page_get_type ())

G_DECLARE_FINAL_TYPE (GfMapPage, gf_map_page, GF, MAP_PAGE, GtkWidget)

void gf_map_page_set_summary (GfMapPage       *self,
                              const GfSummary *summary);

G_END_DECLS

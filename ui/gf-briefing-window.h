/* gf-briefing-window.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-briefing.h"

G_BEGIN_DECLS

#define GF_TYPE_BRIEFING_WINDOW (gf_briefing_window_get_type ())

G_DECLARE_FINAL_TYPE (GfBriefingWindow, gf_briefing_window, GF, BRIEFING_WINDOW, GtkWindow)

GfBriefingWindow *gf_briefing_window_new         (GtkWindow         *parent,
                                                  GfDatabase        *database,
                                                  const GfBriefing  *briefing,
                                                  GError           **error);
guint             gf_briefing_window_get_page    (GfBriefingWindow  *self);
void              gf_briefing_window_set_page    (GfBriefingWindow  *self,
                                                  guint              page);
guint             gf_briefing_window_get_n_pages (GfBriefingWindow  *self);

G_END_DECLS

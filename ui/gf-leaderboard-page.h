/* gf-leaderboard-page.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-summary.h"

G_BEGIN_DECLS

#define GF_TYPE_LEADERBOARD_PAGE (gf_leaderboard_page_get_type ())

G_DECLARE_FINAL_TYPE (GfLeaderboardPage, gf_leaderboard_page, GF, LEADERBOARD_PAGE, GtkWidget)

void     gf_leaderboard_page_set_summary (GfLeaderboardPage  *self,
                                          const GfSummary    *summary);
gboolean gf_leaderboard_page_is_updating (GfLeaderboardPage  *self);

G_END_DECLS

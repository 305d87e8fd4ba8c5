/* gf-leaderboard-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of the leaderboard (gf-store-leaderboard.c), for gf-leaderboard.c only.
 */

#pragma once

#include "gf-leaderboard.h"

G_BEGIN_DECLS

void       _gf_leaderboard_entry_free       (GfLeaderboardEntry *entry);

GPtrArray *_gf_store_leaderboard_rules      (GfDatabase   *db,
                                             GError      **error);
GPtrArray *_gf_store_leaderboard_clusters   (GfDatabase   *db,
                                             gint64        layout_id,
                                             GError      **error);
gboolean   _gf_store_leaderboard_tasks      (GfDatabase   *db,
                                             int           year,
                                             GHashTable   *entries,
                                             gboolean     *any,
                                             GError      **error);
gboolean   _gf_store_leaderboard_activity   (GfDatabase   *db,
                                             int           year,
                                             GHashTable   *entries,
                                             gboolean     *any,
                                             GError      **error);

G_END_DECLS

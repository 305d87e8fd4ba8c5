/* gf-leaderboard.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gf-chart-layout.h"
#include "gf-database.h"

G_BEGIN_DECLS

/**
 * GfScoreComponent:
 * @GF_SCORE_TASK: completion of the year's tasks
 * @GF_SCORE_GROWTH: growth of an indicator over the year before
 * @GF_SCORE_ACTIVITY: problems solved, meetings, events and online activity in the year
 *
 * What a rule of the competition (比拼晾晒) scores.
 */
typedef enum
{
  GF_SCORE_TASK,
  GF_SCORE_GROWTH,
  GF_SCORE_ACTIVITY,
} GfScoreComponent;

/**
 * GfScoreRule:
 * @component: what the rule scores
 * @indicator_code: (nullable): the indicator whose growth is scored (growth rules only)
 * @indicator_name_zh, @indicator_name_en: (nullable): its names
 * @weight: the rule's weight; the weights are read as shares of their sum
 */
typedef struct
{
  GfScoreComponent  component;
  char             *indicator_code;
  char             *indicator_name_zh;
  char             *indicator_name_en;
  double            weight;
} GfScoreRule;

/**
 * GfLeaderboardEntry:
 * @cluster_id: the cluster
 * @name: its name
 * @color: (nullable): its map colour, #RRGGBB
 * @score: the total, 0–100: each rule's points weighted by the rule's share of all weights,
 *   rounded to one decimal as it is published
 * @rank: 1 for the best; equal scores share a rank: 1, 2, 2, 4
 * @previous_rank: the rank the year before, 0 when there was no ranking or the cluster had
 *   none
 * @n_tasks: the cluster's tasks of the year
 * @task_progress: their mean progress in percent, NaN without tasks
 * @activity_count: the number of activities of the year (each record counts its `count`)
 * @growth: (array): per rule, the indicator's growth over the year before in percent, NaN
 *   where either year has no value (or the year before is 0); NaN for other rules
 * @points: (array): per rule, the points 0–100 the cluster earned on it
 *
 * One cluster's line of the leaderboard.
 */
typedef struct
{
  gint64   cluster_id;
  char    *name;
  char    *color;
  double   score;
  guint    rank;
  guint    previous_rank;
  guint    n_tasks;
  double   task_progress;
  gint64   activity_count;
  double  *growth;
  double  *points;
} GfLeaderboardEntry;

/**
 * GfLeaderboard:
 * @year: the year ranked
 * @layout_id: the layout whose clusters are ranked
 * @rules: (element-type GfScoreRule): the rules, in the order of the entries' arrays
 * @entries: (element-type GfLeaderboardEntry): one per cluster with villages in the layout,
 *   best first (equal ranks by name)
 * @has_data: whether the year has any task, activity or growth figure; without, every cluster
 *   scores 0
 * @has_previous: whether the year before has any, so that rank changes mean something
 *
 * The ranking of the clusters of a layout in the common-prosperity competition of a year.
 */
typedef struct
{
  int         year;
  gint64      layout_id;
  GPtrArray  *rules;
  GPtrArray  *entries;
  gboolean    has_data;
  gboolean    has_previous;
} GfLeaderboard;

GPtrArray     *gf_leaderboard_read_rules    (GfDatabase          *db,
                                             GError             **error);
GfLeaderboard *gf_leaderboard_compute       (GfDatabase          *db,
                                             gint64               layout_id,
                                             int                  year,
                                             GCancellable        *cancellable,
                                             GError             **error);
int            gf_leaderboard_rank_change   (const GfLeaderboardEntry *entry);
char          *gf_leaderboard_describe_rule (const GfLeaderboard *board,
                                             guint                rule,
                                             gboolean             chinese);
char          *gf_leaderboard_describe_rules (const GfLeaderboard *board,
                                              gboolean             chinese);
char          *gf_leaderboard_format_change (const GfLeaderboard      *board,
                                             const GfLeaderboardEntry *entry);
char          *gf_leaderboard_to_text       (const GfLeaderboard *board);
GfChartSpec   *gf_leaderboard_to_chart      (const GfLeaderboard *board,
                                             gboolean             chinese);
JsonNode      *gf_leaderboard_to_json       (const GfLeaderboard *board);
const char    *gf_score_component_to_string (GfScoreComponent     component);
void           gf_score_rule_free           (GfScoreRule         *rule);
void           gf_leaderboard_free          (GfLeaderboard       *leaderboard);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfLeaderboard, gf_leaderboard_free)

G_END_DECLS

/* test-leaderboard.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The competition's ranking against numbers worked out by hand. Clusters 甲组团 (villages 201
 * and 202), 乙组团 (203) and 丙组团 (204) in the current layout; 丁组团 only in a draft.
 * Rules: tasks 4, activity 2, growth of tourism income 3, growth of safety incidents (lower is
 * better) 1: shares 40, 20, 30 and 10 %.
 *
 * 2024                  甲          乙          丙
 *   tasks               100 and 50  60          none          (甲's 50 through its alliance)
 *     points            75          60          0
 *   activity            3 + 1 = 4   8           0             (丙's are dated 2023 and 2025)
 *     points            50          100         0
 *   tourism 2023→2024   20→30       50→55       8→10
 *     growth            +50 %       +10 %       +25 %
 *     points            100         0           (25−10)/(50−10) = 37.5
 *   incidents           4→2         1→2         0→1
 *     growth            −50 %       +100 %      none (from 0)
 *     points            100         0           0
 *   score               30+10+30+10 24+20       11.25, published
 *                       = 80        = 44        to one decimal: 11.3
 *   rank                1           2           3
 *
 * 2023: tasks 甲 10 (points 10); activity 丙 2 (points 100); no 2022 values, so no growth.
 *   Scores 甲 4, 乙 0, 丙 20: ranks 丙 1, 甲 2, 乙 3; so 甲 and 乙 rose one place, 丙 fell two.
 */

#include <math.h>
#include <string.h>

#include "gf-import.h"
#include "gf-leaderboard.h"
#include "gf-store.h"
#include "gf-test-core.h"

static const char district_csv[] = "code,name\n339901,示例区\n";
static const char towns_csv[] = "code,name\n339901101,雪岭镇\n";
static const char villages_csv[] =
  "code,name,town_code,population\n"
  "339901101201,甲村,339901101,1000\n"
  "339901101202,乙村,339901101,3000\n"
  "339901101203,丙村,339901101,2000\n"
  "339901101204,丁村,339901101,500\n";
static const char clusters_csv[] = "name\n甲组团\n乙组团\n丙组团\n丁组团\n";
static const char members_csv[] =
  "layout,cluster,village_code\n"
  "现行布局,甲组团,339901101201\n"
  "现行布局,甲组团,339901101202\n"
  "现行布局,乙组团,339901101203\n"
  "现行布局,丙组团,339901101204\n"
  "调整方案,丁组团,339901101201\n"
  "调整方案,丁组团,339901101202\n"
  "调整方案,丁组团,339901101203\n";
static const char alliances_csv[] =
  "name,level,parent,town_code,cluster\n"
  "示例红盟,district,,,\n"
  "甲联盟,cluster,示例红盟,,甲组团\n";
static const char tasks_csv[] =
  "title,alliance,cluster,year,due_date,progress\n"
  "甲任务一,,甲组团,2024,,100\n"
  "甲联盟任务,甲联盟,,2024,,50\n"
  "乙任务,,乙组团,2024,,60\n"
  "区级任务,示例红盟,,2024,,90\n"
  "甲旧任务,,甲组团,2023,,10\n";
static const char activities_csv[] =
  "alliance,cluster,kind,date,count,title\n"
  ",甲组团,meeting,2024-03-01,3,\n"
  "甲联盟,,event,2024-12-31,1,\n"
  ",乙组团,online,2024-01-01,8,\n"
  ",丙组团,event,2025-01-01,2,\n"
  ",丙组团,problem_solved,2023-12-31,2,\n"
  "示例红盟,,event,2024-06-01,50,\n";
static const char observations_csv[] =
  "village_code,year,tourism_income,safety_incidents\n"
  "339901101201,2023,10,2\n"
  "339901101202,2023,10,2\n"
  "339901101203,2023,50,1\n"
  "339901101204,2023,8,0\n"
  "339901101201,2024,15,1\n"
  "339901101202,2024,15,1\n"
  "339901101203,2024,55,2\n"
  "339901101204,2024,10,1\n";
static const char rules_csv[] =
  "component,indicator,weight\n"
  "task,,4\n"
  "activity,,2\n"
  "growth,tourism_income,3\n"
  "growth,safety_incidents,1\n";

/* The district above; @rules: the score_rules.csv to import, or %NULL for none. */
static GfDatabase *
district_new (const char *rules,
              const char *tasks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  gf_test_import_text (db, GF_IMPORT_DISTRICT, district_csv);
  gf_test_import_text (db, GF_IMPORT_TOWNS, towns_csv);
  gf_test_import_text (db, GF_IMPORT_VILLAGES, villages_csv);
  gf_test_import_text (db, GF_IMPORT_CLUSTERS, clusters_csv);
  gf_test_import_text (db, GF_IMPORT_CLUSTER_MEMBERS, members_csv);
  gf_test_import_text (db, GF_IMPORT_ALLIANCES, alliances_csv);
  gf_test_import_text (db, GF_IMPORT_TASKS, tasks);
  gf_test_import_text (db, GF_IMPORT_ACTIVITIES, activities_csv);
  gf_test_import_text (db, GF_IMPORT_OBSERVATIONS, observations_csv);
  if (rules != NULL)
    gf_test_import_text (db, GF_IMPORT_SCORE_RULES, rules);

  return g_steal_pointer (&db);
}

static gint64
layout_id (GfDatabase *db,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (gf_store_lookup_id (db, "layout", "name", name, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static GfLeaderboard *
compute (GfDatabase *db,
         const char *layout,
         int         year)
{
  g_autoptr(GError) error = NULL;
  GfLeaderboard *board = gf_leaderboard_compute (db, layout_id (db, layout), year, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (board);

  return board;
}

static const GfLeaderboardEntry *
entry (const GfLeaderboard *board,
       guint                i)
{
  g_assert_cmpuint (i, <, board->entries->len);

  return g_ptr_array_index (board->entries, i);
}

static void
test_hand_worked (void)
{
  g_autoptr(GfDatabase) db = district_new (rules_csv, tasks_csv);
  g_autoptr(GfLeaderboard) board = compute (db, "现行布局", 2024);
  const GfLeaderboardEntry *a, *b, *c;

  g_assert_cmpint (board->year, ==, 2024);
  g_assert_cmpuint (board->rules->len, ==, 4);
  g_assert_true (board->has_data);
  g_assert_true (board->has_previous);

  /* 丁组团 has villages only in the draft. */
  g_assert_cmpuint (board->entries->len, ==, 3);
  a = entry (board, 0);
  b = entry (board, 1);
  c = entry (board, 2);
  g_assert_cmpstr (a->name, ==, "甲组团");
  g_assert_cmpstr (b->name, ==, "乙组团");
  g_assert_cmpstr (c->name, ==, "丙组团");

  g_assert_cmpuint (a->n_tasks, ==, 2);
  g_assert_cmpfloat_with_epsilon (a->task_progress, 75, 1e-9);
  g_assert_cmpuint (b->n_tasks, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->task_progress, 60, 1e-9);
  g_assert_cmpuint (c->n_tasks, ==, 0);
  g_assert_true (isnan (c->task_progress));

  g_assert_cmpint (a->activity_count, ==, 4);
  g_assert_cmpint (b->activity_count, ==, 8);
  g_assert_cmpint (c->activity_count, ==, 0);

  g_assert_cmpfloat_with_epsilon (a->growth[2], 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->growth[2], 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->growth[2], 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->growth[3], -50, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->growth[3], 100, 1e-9);
  g_assert_true (isnan (c->growth[3]));
  g_assert_true (isnan (a->growth[0]) && isnan (a->growth[1]));

  g_assert_cmpfloat_with_epsilon (a->points[0], 75, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->points[1], 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->points[2], 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->points[3], 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->points[1], 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->points[2], 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->points[3], 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->points[2], 37.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->points[3], 0, 1e-9);

  g_assert_cmpfloat_with_epsilon (a->score, 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->score, 44, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->score, 11.3, 1e-9);
  g_assert_cmpuint (a->rank, ==, 1);
  g_assert_cmpuint (b->rank, ==, 2);
  g_assert_cmpuint (c->rank, ==, 3);

  g_assert_cmpuint (a->previous_rank, ==, 2);
  g_assert_cmpuint (b->previous_rank, ==, 3);
  g_assert_cmpuint (c->previous_rank, ==, 1);
  g_assert_cmpint (gf_leaderboard_rank_change (a), ==, 1);
  g_assert_cmpint (gf_leaderboard_rank_change (b), ==, 1);
  g_assert_cmpint (gf_leaderboard_rank_change (c), ==, -2);
}

/* The year before is ranked by the same rules: 2023 alone, against 2022 (no values). */
static void
test_previous_year (void)
{
  g_autoptr(GfDatabase) db = district_new (rules_csv, tasks_csv);
  g_autoptr(GfLeaderboard) board = compute (db, "现行布局", 2023);

  g_assert_true (board->has_data);
  /* 2022 has no task, activity or value: nothing to compare with. */
  g_assert_false (board->has_previous);
  g_assert_cmpstr (entry (board, 0)->name, ==, "丙组团");
  g_assert_cmpfloat_with_epsilon (entry (board, 0)->score, 20, 1e-9);
  g_assert_cmpstr (entry (board, 1)->name, ==, "甲组团");
  g_assert_cmpfloat_with_epsilon (entry (board, 1)->score, 4, 1e-9);
  g_assert_cmpstr (entry (board, 2)->name, ==, "乙组团");
  g_assert_cmpfloat_with_epsilon (entry (board, 2)->score, 0, 1e-9);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (entry (board, i)->previous_rank, ==, 0);
      g_assert_cmpint (gf_leaderboard_rank_change (entry (board, i)), ==, 0);
    }

  /* A year with nothing recorded: everyone scores 0 and shares the first rank. */
  {
    g_autoptr(GfLeaderboard) empty = compute (db, "现行布局", 2030);

    g_assert_false (empty->has_data);
    g_assert_cmpuint (empty->entries->len, ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_assert_cmpfloat (entry (empty, i)->score, ==, 0);
        g_assert_cmpuint (entry (empty, i)->rank, ==, 1);
      }
  }
}

/* Only tasks count, and 丙 gets a task as far along as 甲's two: they share rank 1, 乙 is 3rd. */
static void
test_ties (void)
{
  static const char tasks[] =
    "title,alliance,cluster,year,due_date,progress\n"
    "甲任务一,,甲组团,2024,,100\n"
    "甲联盟任务,甲联盟,,2024,,50\n"
    "乙任务,,乙组团,2024,,60\n"
    "丙任务,,丙组团,2024,,75\n";
  g_autoptr(GfDatabase) db = district_new ("component,indicator,weight\ntask,,1\n", tasks);
  g_autoptr(GfLeaderboard) board = compute (db, "现行布局", 2024);

  g_assert_cmpuint (board->entries->len, ==, 3);
  g_assert_cmpuint (entry (board, 0)->rank, ==, 1);
  g_assert_cmpuint (entry (board, 1)->rank, ==, 1);
  g_assert_cmpuint (entry (board, 2)->rank, ==, 3);
  g_assert_cmpfloat_with_epsilon (entry (board, 0)->score, 75, 1e-9);
  g_assert_cmpfloat_with_epsilon (entry (board, 1)->score, 75, 1e-9);
  g_assert_cmpstr (entry (board, 2)->name, ==, "乙组团");
  /* Equal ranks come in the order of their names. */
  g_assert_cmpint (g_utf8_collate (entry (board, 0)->name, entry (board, 1)->name), <, 0);
}

/* Another layout ranks its own clusters: the draft has 丁组团 (201–203) and 丙组团 (204). */
static void
test_other_layout (void)
{
  g_autoptr(GfDatabase) db = district_new (rules_csv, tasks_csv);
  g_autoptr(GfLeaderboard) board = compute (db, "调整方案", 2024);
  const GfLeaderboardEntry *d;

  g_assert_cmpuint (board->entries->len, ==, 1);
  d = entry (board, 0);
  g_assert_cmpstr (d->name, ==, "丁组团");
  /* No tasks or activity of its own; tourism 70 → 85 is its growth, alone: 100 points. */
  g_assert_cmpuint (d->n_tasks, ==, 0);
  g_assert_cmpfloat_with_epsilon (d->growth[2], 100.0 * 15 / 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (d->points[2], 100, 1e-9);
  /* Incidents 5 → 4: −20 %, alone again, so 100 points: 0.3 × 100 + 0.1 × 100. */
  g_assert_cmpfloat_with_epsilon (d->growth[3], -20, 1e-9);
  g_assert_cmpfloat_with_epsilon (d->score, 40, 1e-9);
}

static void
test_no_rules (void)
{
  g_autoptr(GfDatabase) db = district_new (NULL, tasks_csv);
  g_autoptr(GfLeaderboard) board = compute (db, "现行布局", 2024);
  g_autofree char *text = gf_leaderboard_to_text (board);

  g_assert_cmpuint (board->rules->len, ==, 0);
  g_assert_cmpuint (board->entries->len, ==, 0);
  g_assert_nonnull (strstr (text, "score_rules.csv"));

  /* A rule of weight 0 scores nothing: the board leaves it out, and rules that all weigh 0
   * are no rules. */
  {
    g_autoptr(GfDatabase) zero = district_new ("component,indicator,weight\ntask,,0\n"
                                               "activity,,0\n", tasks_csv);
    g_autoptr(GfDatabase) mixed = district_new ("component,indicator,weight\ntask,,0\n"
                                                "activity,,2\n", tasks_csv);
    g_autoptr(GfLeaderboard) none = compute (zero, "现行布局", 2024);
    g_autoptr(GfLeaderboard) one = compute (mixed, "现行布局", 2024);

    g_assert_cmpuint (none->rules->len, ==, 0);
    g_assert_cmpuint (none->entries->len, ==, 0);
    g_assert_cmpuint (one->rules->len, ==, 1);
    g_assert_cmpint (((GfScoreRule *) g_ptr_array_index (one->rules, 0))->component, ==,
                     GF_SCORE_ACTIVITY);
    /* Activity alone: 乙 (8) 100, 甲 (4) 50, 丙 0. */
    g_assert_cmpstr (entry (one, 0)->name, ==, "乙组团");
    g_assert_cmpfloat_with_epsilon (entry (one, 0)->score, 100, 1e-9);
    g_assert_cmpfloat_with_epsilon (entry (one, 1)->score, 50, 1e-9);
  }
}

static void
test_cancelled (void)
{
  g_autoptr(GfDatabase) db = district_new (rules_csv, tasks_csv);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLeaderboard) board = NULL;

  g_cancellable_cancel (cancellable);
  board = gf_leaderboard_compute (db, layout_id (db, "现行布局"), 2024, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (board);
}

static void
test_text_and_json (void)
{
  g_autoptr(GfDatabase) db = district_new (rules_csv, tasks_csv);
  g_autoptr(GfLeaderboard) board = compute (db, "现行布局", 2024);
  g_autofree char *text = gf_leaderboard_to_text (board);
  g_autoptr(JsonNode) root = gf_leaderboard_to_json (board);
  JsonObject *object = json_node_get_object (root);
  JsonArray *entries = json_object_get_array_member (object, "entries");
  JsonObject *first = json_array_get_object_element (entries, 0);
  JsonObject *last = json_array_get_object_element (entries, 2);

  g_assert_nonnull (strstr (text, "Score: tasks 40 % · activity 20 % · growth of 旅游经济收入 "
                                  "30 % · growth of 安全事故 10 %\n"));
  g_assert_nonnull (strstr (text, "  1. 甲组团  80.0 (▲1)\n"));
  g_assert_nonnull (strstr (text, "  3. 丙组团  11.3 (▼2)\n"));
  g_assert_nonnull (strstr (text, "no tasks · activity 0 · 旅游经济收入 +25.0 % · 安全事故 —"));

  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2024);
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (first, "cluster"), ==, "甲组团");
  g_assert_cmpfloat (json_object_get_double_member (first, "score"), ==, 80);
  g_assert_cmpint (json_object_get_int_member (first, "previous_rank"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (last, "score"), 11.3, 1e-9);
  g_assert_true (json_object_get_null_member (last, "task_progress"));
}

/* The chart of the board: its order, scores, moves and the rules in the subtitle. */
static void
test_chart (void)
{
  g_autoptr(GfDatabase) db = district_new (rules_csv, tasks_csv);
  g_autoptr(GfLeaderboard) board = compute (db, "现行布局", 2024);
  g_autoptr(GfChartSpec) spec = gf_leaderboard_to_chart (board, TRUE);
  g_autoptr(GfChartLayout) layout = NULL;
  static const char *names[] = { "甲组团", "乙组团", "丙组团" };
  static const double scores[] = { 80, 44, 11.3 };
  static const char *notes[] = { "▲1", "▲1", "▼2" };

  g_assert_cmpint (spec->kind, ==, GF_CHART_KIND_RANKED_BAR);
  g_assert_cmpstr (spec->title, ==, "Cluster competition 2024");
  g_assert_cmpstr (spec->subtitle, ==, "Score: tasks 40 % · activity 20 % · growth of "
                                       "旅游经济收入 30 % · growth of 安全事故 10 %");
  g_assert_cmpuint (spec->n_categories, ==, 3);
  g_assert_cmpuint (spec->n_series, ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (spec->categories[i], ==, names[i]);
      g_assert_cmpfloat_with_epsilon (spec->series[0].values[i], scores[i], 1e-9);
      g_assert_cmpstr (spec->category_notes[i], ==, notes[i]);
    }

  layout = gf_chart_layout_compute (spec, NULL);
  g_assert_true (layout->has_data);
  g_assert_cmpuint (layout->n_rows, ==, 3);
  g_assert_cmpint (layout->rows[0], ==, 0);
  g_assert_cmpint (layout->rows[2], ==, 2);

  /* The year before has no year before it: no moves. */
  {
    g_autoptr(GfLeaderboard) first = compute (db, "现行布局", 2023);
    g_autoptr(GfChartSpec) plain = gf_leaderboard_to_chart (first, FALSE);

    for (guint i = 0; i < plain->n_categories; i++)
      g_assert_null (plain->category_notes[i]);
    g_assert_cmpstr (plain->subtitle, ==, "Score: tasks 40 % · activity 20 % · growth of "
                                          "Tourism income 30 % · growth of Safety incidents 10 %");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/leaderboard/hand-worked", test_hand_worked);
  g_test_add_func ("/core/leaderboard/previous-year", test_previous_year);
  g_test_add_func ("/core/leaderboard/ties", test_ties);
  g_test_add_func ("/core/leaderboard/other-layout", test_other_layout);
  g_test_add_func ("/core/leaderboard/no-rules", test_no_rules);
  g_test_add_func ("/core/leaderboard/cancelled", test_cancelled);
  g_test_add_func ("/core/leaderboard/text-and-json", test_text_and_json);
  g_test_add_func ("/core/leaderboard/chart", test_chart);

  return g_test_run ();
}

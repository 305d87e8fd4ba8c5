/* gf-leaderboard.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ranking of the common-prosperity competition (比拼晾晒 / TOP 排行榜). Every rule of the
 * score_rule table gives each cluster 0–100 points for the year:
 *
 *   task      the mean progress of the cluster's tasks of the year (0 without tasks);
 *   activity  100 × the cluster's activity count ÷ the highest count of any cluster;
 *   growth    the indicator's growth over the year before, scaled so that the lowest cluster
 *             gets 0 and the highest 100 (reversed for an indicator where lower is better;
 *             all 100 when every cluster grew alike; 0 without a figure).
 *
 * The score is the mean of the points weighted by the rules' weights, so it stays 0–100
 * whatever the weights add up to, rounded to one decimal as it is published; equal scores
 * share a rank. Relative scales (activity, growth) make the board a
 * comparison among the clusters of one layout, as the competition is, not an absolute grade.
 * The year before is ranked the same way, for the rank changes the board shows.
 */

#define G_LOG_DOMAIN "gf-leaderboard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gf-aggregate.h"
#include "gf-leaderboard-private.h"

/**
 * gf_score_component_to_string:
 *
 * Returns: the component as the score_rule table and score_rules.csv spell it
 */
const char *
gf_score_component_to_string (GfScoreComponent component)
{
  switch (component)
    {
    case GF_SCORE_TASK:
      return "task";
    case GF_SCORE_GROWTH:
      return "growth";
    case GF_SCORE_ACTIVITY:
      return "activity";
    default:
      g_return_val_if_reached (NULL);
    }
}

void
gf_score_rule_free (GfScoreRule *rule)
{
  if (rule == NULL)
    return;

  g_free (rule->indicator_code);
  g_free (rule->indicator_name_zh);
  g_free (rule->indicator_name_en);
  g_free (rule);
}

void
_gf_leaderboard_entry_free (GfLeaderboardEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->name);
  g_free (entry->color);
  g_free (entry->growth);
  g_free (entry->points);
  g_free (entry);
}

void
gf_leaderboard_free (GfLeaderboard *leaderboard)
{
  if (leaderboard == NULL)
    return;

  g_clear_pointer (&leaderboard->rules, g_ptr_array_unref);
  g_clear_pointer (&leaderboard->entries, g_ptr_array_unref);
  g_free (leaderboard);
}

/**
 * gf_leaderboard_rank_change:
 *
 * Returns: how many places @entry rose since the year before (negative: fell); 0 when it
 *   kept its place or had no rank then
 */
int
gf_leaderboard_rank_change (const GfLeaderboardEntry *entry)
{
  g_return_val_if_fail (entry != NULL, 0);

  if (entry->previous_rank == 0)
    return 0;

  return (int) entry->previous_rank - (int) entry->rank;
}

/**
 * gf_leaderboard_read_rules:
 *
 * Returns: (transfer full) (element-type GfScoreRule): the rules of the competition with a
 *   weight above 0, in the order they were entered; empty when the database has none
 */
GPtrArray *
gf_leaderboard_read_rules (GfDatabase  *db,
                           GError     **error)
{
  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  return _gf_store_leaderboard_rules (db, error);
}

typedef struct
{
  GfAggregator       *aggregator;
  GPtrArray          *rules;
  const GfIndicator **indicators;   /* per rule: the growth rule's indicator, else NULL */
} Context;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const GfLeaderboardEntry *ea = *(GfLeaderboardEntry **) a;
  const GfLeaderboardEntry *eb = *(GfLeaderboardEntry **) b;

  if (ea->score != eb->score)
    return ea->score > eb->score ? -1 : 1;

  return g_utf8_collate (ea->name, eb->name);
}

/* Scales each cluster's growth on @rule to 0–100 points between the lowest and the highest. */
static void
score_growth (GPtrArray *entries,
              guint      rule,
              int        direction)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < entries->len; i++)
    {
      const GfLeaderboardEntry *entry = g_ptr_array_index (entries, i);

      if (isfinite (entry->growth[rule]))
        {
          lo = MIN (lo, entry->growth[rule]);
          hi = MAX (hi, entry->growth[rule]);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      GfLeaderboardEntry *entry = g_ptr_array_index (entries, i);
      double g = entry->growth[rule];

      if (!isfinite (g))
        entry->points[rule] = 0;
      else if (hi <= lo)
        entry->points[rule] = 100;
      else if (direction < 0)
        entry->points[rule] = 100 * (hi - g) / (hi - lo);
      else
        entry->points[rule] = 100 * (g - lo) / (hi - lo);
    }
}

/* Fills every entry's growth on growth rule @rule: year over the year before, in percent. */
static gboolean
read_growth (Context      *context,
             GHashTable   *by_id,
             guint         rule,
             int           year,
             gboolean     *any,
             GError      **error)
{
  const GfIndicator *indicator = context->indicators[rule];
  g_autoptr(GArray) now = NULL;
  g_autoptr(GArray) before = NULL;

  now = gf_aggregator_by_cluster (context->aggregator, indicator, year, error);
  if (now == NULL)
    return FALSE;
  before = gf_aggregator_by_cluster (context->aggregator, indicator, year - 1, error);
  if (before == NULL)
    return FALSE;

  /* Both lists hold every cluster with members, ordered by id: they pair up. */
  g_return_val_if_fail (now->len == before->len, FALSE);
  for (guint i = 0; i < now->len; i++)
    {
      const GfGroupValue *v1 = &g_array_index (now, GfGroupValue, i);
      const GfGroupValue *v0 = &g_array_index (before, GfGroupValue, i);
      GfLeaderboardEntry *entry = g_hash_table_lookup (by_id, &v1->group_id);

      if (entry == NULL || v0->group_id != v1->group_id)
        continue;

      if (isfinite (v1->value) && isfinite (v0->value) && v0->value != 0)
        {
          entry->growth[rule] = 100 * (v1->value - v0->value) / fabs (v0->value);
          *any = TRUE;
        }
    }

  return TRUE;
}

/* Scores and ranks the clusters of @layout_id for @year. @any: whether the year has any
 * task, activity or growth figure to rank on. */
static GPtrArray *
rank_year (Context       *context,
           GfDatabase    *db,
           gint64         layout_id,
           int            year,
           gboolean      *any,
           GCancellable  *cancellable,
           GError       **error)
{
  guint n_rules = context->rules->len;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean any_tasks = FALSE, any_activity = FALSE, any_growth = FALSE;
  gint64 most_activity = 0;
  double total_weight = 0;

  entries = _gf_store_leaderboard_clusters (db, layout_id, error);
  if (entries == NULL)
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      GfLeaderboardEntry *entry = g_ptr_array_index (entries, i);

      entry->growth = g_new (double, MAX (n_rules, 1));
      entry->points = g_new0 (double, MAX (n_rules, 1));
      for (guint r = 0; r < n_rules; r++)
        entry->growth[r] = NAN;
      g_hash_table_insert (by_id, &entry->cluster_id, entry);
    }

  if (!_gf_store_leaderboard_tasks (db, year, by_id, &any_tasks, error) ||
      !_gf_store_leaderboard_activity (db, year, by_id, &any_activity, error))
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    most_activity = MAX (most_activity,
                         ((GfLeaderboardEntry *) g_ptr_array_index (entries, i))->activity_count);

  for (guint r = 0; r < n_rules; r++)
    {
      const GfScoreRule *rule = g_ptr_array_index (context->rules, r);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      total_weight += rule->weight;
      switch (rule->component)
        {
        case GF_SCORE_TASK:
          for (guint i = 0; i < entries->len; i++)
            {
              GfLeaderboardEntry *entry = g_ptr_array_index (entries, i);

              entry->points[r] = entry->n_tasks > 0 ? entry->task_progress : 0;
            }
          break;

        case GF_SCORE_ACTIVITY:
          for (guint i = 0; i < entries->len; i++)
            {
              GfLeaderboardEntry *entry = g_ptr_array_index (entries, i);

              entry->points[r] = most_activity > 0 ? 100.0 * (double) entry->activity_count /
                                                     (double) most_activity : 0;
            }
          break;

        case GF_SCORE_GROWTH:
          if (!read_growth (context, by_id, r, year, &any_growth, error))
            return NULL;
          score_growth (entries, r, context->indicators[r]->direction);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      GfLeaderboardEntry *entry = g_ptr_array_index (entries, i);
      double sum = 0;

      for (guint r = 0; r < n_rules; r++)
        sum += ((GfScoreRule *) g_ptr_array_index (context->rules, r))->weight * entry->points[r];
      /* Scores are published to one decimal, and ranks must not differ where the scores
       * shown do not: the score is the rounded one. */
      entry->score = total_weight > 0 ? round (10 * sum / total_weight) / 10 : 0;
    }

  g_ptr_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      GfLeaderboardEntry *entry = g_ptr_array_index (entries, i);
      const GfLeaderboardEntry *above = i > 0 ? g_ptr_array_index (entries, i - 1) : NULL;

      /* Equal scores share the rank of the first of them. */
      if (above != NULL && above->score == entry->score)
        entry->rank = above->rank;
      else
        entry->rank = i + 1;
    }

  *any = any_tasks || any_activity || any_growth;
  return g_steal_pointer (&entries);
}

/**
 * gf_leaderboard_compute:
 * @layout_id: the layout whose clusters compete, usually the current one
 * @year: the year to rank
 *
 * Ranks the clusters of @layout_id on the database's rules for @year, and the year before for
 * the rank changes. Without rules the board has no entries. Runs in any thread with its own
 * connection.
 *
 * Returns: (transfer full) (nullable): the board, %NULL with @error set on a read failure or
 *   when cancelled
 */
GfLeaderboard *
gf_leaderboard_compute (GfDatabase    *db,
                        gint64         layout_id,
                        int            year,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GfLeaderboard) board = g_new0 (GfLeaderboard, 1);
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GHashTable) previous_rank = NULL;
  g_autofree const GfIndicator **indicators = NULL;
  gboolean any_now = FALSE, any_before = FALSE;
  Context context;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  board->year = year;
  board->layout_id = layout_id;
  board->rules = _gf_store_leaderboard_rules (db, error);
  if (board->rules == NULL)
    return NULL;

  if (board->rules->len == 0)
    {
      board->entries =
        g_ptr_array_new_with_free_func ((GDestroyNotify) _gf_leaderboard_entry_free);
      return g_steal_pointer (&board);
    }

  aggregator = gf_aggregator_new (db, layout_id, error);
  if (aggregator == NULL)
    return NULL;
  /* The year and the year before are read twice each (this year's and last year's growth). */
  gf_aggregator_set_caching (aggregator, TRUE);

  indicators = g_new0 (const GfIndicator *, board->rules->len);
  for (guint r = 0; r < board->rules->len; r++)
    {
      const GfScoreRule *rule = g_ptr_array_index (board->rules, r);

      if (rule->component != GF_SCORE_GROWTH)
        continue;

      indicators[r] = gf_aggregator_get_indicator (aggregator, rule->indicator_code);
      if (indicators[r] == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "The scoring rule for growth names indicator “%s”, which the catalogue "
                       "does not have", rule->indicator_code);
          return NULL;
        }
    }

  context = (Context) { aggregator, board->rules, indicators };

  board->entries = rank_year (&context, db, layout_id, year, &any_now, cancellable, error);
  if (board->entries == NULL)
    return NULL;

  previous = rank_year (&context, db, layout_id, year - 1, &any_before, cancellable, error);
  if (previous == NULL)
    return NULL;

  board->has_data = any_now;
  board->has_previous = any_before;
  if (!board->has_previous)
    return g_steal_pointer (&board);

  previous_rank = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < previous->len; i++)
    {
      GfLeaderboardEntry *entry = g_ptr_array_index (previous, i);

      g_hash_table_insert (previous_rank, &entry->cluster_id, entry);
    }

  for (guint i = 0; i < board->entries->len; i++)
    {
      GfLeaderboardEntry *entry = g_ptr_array_index (board->entries, i);
      const GfLeaderboardEntry *before = g_hash_table_lookup (previous_rank, &entry->cluster_id);

      entry->previous_rank = before != NULL ? before->rank : 0;
    }

  return g_steal_pointer (&board);
}

/* "+12.3 %", "−4.0 %" or "—": a growth as the board shows it. */
static char *
format_growth (double growth)
{
  if (!isfinite (growth))
    return g_strdup ("—");

  /* Translators: a growth in percent with its sign, as in “+12.3 %” */
  return g_strdup_printf (_("%+.1f %%"), growth);
}

/**
 * gf_leaderboard_describe_rule:
 * @chinese: whether to name the indicator in Chinese
 *
 * Returns: (transfer full): what @rule scores and its share of all weights, e.g.
 *   “growth of 农民人均可支配收入 15 %”
 */
char *
gf_leaderboard_describe_rule (const GfLeaderboard *board,
                              guint                rule,
                              gboolean             chinese)
{
  const GfScoreRule *r;
  double total = 0, share;
  const char *name;

  g_return_val_if_fail (board != NULL, NULL);
  g_return_val_if_fail (rule < board->rules->len, NULL);

  for (guint i = 0; i < board->rules->len; i++)
    total += ((const GfScoreRule *) g_ptr_array_index (board->rules, i))->weight;
  r = g_ptr_array_index (board->rules, rule);
  share = total > 0 ? 100 * r->weight / total : 0;

  switch (r->component)
    {
    case GF_SCORE_TASK:
      /* Translators: a rule of the competition and its share of the score, as in “tasks 40 %” */
      return g_strdup_printf (_("tasks %.0f %%"), share);
    case GF_SCORE_ACTIVITY:
      /* Translators: a rule of the competition and its share of the score */
      return g_strdup_printf (_("activity %.0f %%"), share);
    case GF_SCORE_GROWTH:
      name = chinese && r->indicator_name_zh != NULL ? r->indicator_name_zh : r->indicator_name_en;
      /* Translators: a rule of the competition: the growth of an indicator (%s) and its share
       * of the score */
      return g_strdup_printf (_("growth of %s %.0f %%"), name != NULL ? name : r->indicator_code,
                              share);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * gf_leaderboard_describe_rules:
 * @chinese: whether to name the indicators in Chinese
 *
 * Returns: (transfer full): how the score is made, e.g. “Score: tasks 40 % · activity 20 % ·
 *   growth of 村级集体经济经营性收入 40 %”
 */
char *
gf_leaderboard_describe_rules (const GfLeaderboard *board,
                               gboolean             chinese)
{
  g_autoptr(GString) rules = g_string_new (NULL);

  g_return_val_if_fail (board != NULL, NULL);

  for (guint r = 0; r < board->rules->len; r++)
    {
      g_autofree char *rule = gf_leaderboard_describe_rule (board, r, chinese);

      if (r > 0)
        g_string_append (rules, " · ");
      g_string_append (rules, rule);
    }

  /* Translators: how the competition's score is made; %s lists the rules with their shares,
   * e.g. “tasks 40 % · activity 20 % · growth of 村级集体经济经营性收入 40 %” */
  return g_strdup_printf (_("Score: %s"), rules->str);
}

/**
 * gf_leaderboard_format_change:
 *
 * Returns: (transfer full) (nullable): @entry's move since the year before: “▲2”, “▼1”, “—”
 *   or “new”; %NULL when the year before has no ranking
 */
char *
gf_leaderboard_format_change (const GfLeaderboard      *board,
                              const GfLeaderboardEntry *entry)
{
  int change;

  g_return_val_if_fail (board != NULL && entry != NULL, NULL);

  if (!board->has_previous)
    return NULL;
  if (entry->previous_rank == 0)
    /* Translators: a cluster with no rank the year before */
    return g_strdup (_("new"));

  change = gf_leaderboard_rank_change (entry);
  if (change > 0)
    return g_strdup_printf ("▲%d", change);
  if (change < 0)
    return g_strdup_printf ("▼%d", -change);
  return g_strdup ("—");
}

/**
 * gf_leaderboard_to_chart:
 * @chinese: whether to name the indicators of the rules in Chinese
 *
 * The board as a chart: ranked bars of the scores in the clusters' colours, each followed by
 * its move since the year before, under a line that says how the score is made. Scores are
 * those of the board (one decimal), so that the chart's ties are the board's.
 *
 * Returns: (transfer full): the chart; size and source are the caller's to set
 */
GfChartSpec *
gf_leaderboard_to_chart (const GfLeaderboard *board,
                         gboolean             chinese)
{
  guint n = board->entries->len;
  g_autofree double *scores = g_new0 (double, MAX (n, 1));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) colors = g_ptr_array_new ();
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rules = gf_leaderboard_describe_rules (board, chinese);
  g_autofree char *title = NULL;
  GfChartSeries series = { 0 };
  GfChartSpec spec = { 0 };

  g_return_val_if_fail (board != NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      const GfLeaderboardEntry *entry = g_ptr_array_index (board->entries, i);

      scores[i] = entry->score;
      g_ptr_array_add (names, entry->name);
      g_ptr_array_add (colors, entry->color);
      g_ptr_array_add (notes, gf_leaderboard_format_change (board, entry));
    }

  /* Translators: %d is a year; the competition of clusters, 比拼晾晒 */
  title = g_strdup_printf (_("Cluster competition %d"), board->year);
  series.name = _("Score");
  series.values = scores;
  series.n_values = n;

  spec.kind = GF_CHART_KIND_RANKED_BAR;
  spec.title = title;
  spec.subtitle = rules;
  /* Translators: the unit of the competition's scores, 0–100 */
  spec.unit = _("points");
  spec.keep_unit = TRUE;
  spec.categories = (const char * const *) names->pdata;
  spec.n_categories = n;
  spec.category_colors = (const char * const *) colors->pdata;
  spec.category_notes = (const char * const *) notes->pdata;
  spec.series = &series;
  spec.n_series = 1;
  spec.no_data_message = board->rules->len == 0
                         ? _("No scoring rules: import score_rules.csv")
                         : _("No cluster to rank in this layout");
  spec.width = 1280 * 0.75;
  spec.height = 720 * 0.75;
  spec.show_values = TRUE;

  return gf_chart_spec_copy (&spec);
}

/**
 * gf_leaderboard_to_text:
 *
 * Returns: (transfer full): the board as text for a terminal, in the user's language, with
 *   indicators named in Chinese like the rest of the data
 */
char *
gf_leaderboard_to_text (const GfLeaderboard *board)
{
  GString *s = g_string_new (NULL);
  g_autofree char *rules = NULL;

  g_return_val_if_fail (board != NULL, NULL);

  /* Translators: %d is a year; the competition of clusters, 比拼晾晒 */
  g_string_append_printf (s, _("Cluster competition %d"), board->year);
  g_string_append_c (s, '\n');

  if (board->rules->len == 0)
    {
      g_string_append (s, _("The database has no scoring rules: import score_rules.csv to set "
                            "how tasks, growth and activity are weighted."));
      g_string_append_c (s, '\n');
      return g_string_free (s, FALSE);
    }

  rules = gf_leaderboard_describe_rules (board, TRUE);
  g_string_append (s, rules);
  g_string_append_c (s, '\n');

  if (!board->has_data)
    {
      /* Translators: %d is a year */
      g_string_append_printf (s, _("No tasks, activity or indicator growth recorded for %d: "
                                   "every cluster scores 0."), board->year);
      g_string_append_c (s, '\n');
    }

  for (guint i = 0; i < board->entries->len; i++)
    {
      const GfLeaderboardEntry *entry = g_ptr_array_index (board->entries, i);
      g_autofree char *change = gf_leaderboard_format_change (board, entry);
      g_autofree char *moved = change != NULL ? g_strdup_printf (" (%s)", change) : g_strdup ("");

      g_string_append_printf (s, "%3u. %s  %.1f%s\n", entry->rank, entry->name, entry->score,
                              moved);
      g_string_append (s, "     ");
      if (entry->n_tasks > 0)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u task, %.0f %% done",
                                                "%u tasks, %.0f %% done", entry->n_tasks),
                                entry->n_tasks, entry->task_progress);
      else
        g_string_append (s, _("no tasks"));
      g_string_append (s, " · ");
      /* Translators: %d counts meetings, events, problems solved and online activity */
      g_string_append_printf (s, _("activity %d"), (int) entry->activity_count);
      for (guint r = 0; r < board->rules->len; r++)
        {
          const GfScoreRule *rule = g_ptr_array_index (board->rules, r);
          g_autofree char *growth = NULL;

          if (rule->component != GF_SCORE_GROWTH)
            continue;

          growth = format_growth (entry->growth[r]);
          g_string_append_printf (s, " · %s %s", rule->indicator_name_zh != NULL
                                                 ? rule->indicator_name_zh
                                                 : rule->indicator_code, growth);
        }
      g_string_append_c (s, '\n');
    }

  return g_string_free (s, FALSE);
}

/**
 * gf_leaderboard_to_json:
 *
 * Returns: (transfer full): the board as JSON: year, rules (component, indicator, weight) and
 *   entries (rank, previous_rank or null, cluster, score, tasks, task_progress or null,
 *   activity, and per rule its growth or null and points)
 */
JsonNode *
gf_leaderboard_to_json (const GfLeaderboard *board)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (board != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, board->year);
  json_builder_set_member_name (b, "has_data");
  json_builder_add_boolean_value (b, board->has_data);
  json_builder_set_member_name (b, "has_previous");
  json_builder_add_boolean_value (b, board->has_previous);

  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint r = 0; r < board->rules->len; r++)
    {
      const GfScoreRule *rule = g_ptr_array_index (board->rules, r);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "component");
      json_builder_add_string_value (b, gf_score_component_to_string (rule->component));
      json_builder_set_member_name (b, "indicator");
      json_builder_add_string_value (b, rule->indicator_code);
      json_builder_set_member_name (b, "weight");
      json_builder_add_double_value (b, rule->weight);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < board->entries->len; i++)
    {
      const GfLeaderboardEntry *entry = g_ptr_array_index (board->entries, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rank");
      json_builder_add_int_value (b, entry->rank);
      json_builder_set_member_name (b, "previous_rank");
      if (entry->previous_rank > 0)
        json_builder_add_int_value (b, entry->previous_rank);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "cluster");
      json_builder_add_string_value (b, entry->name);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, entry->score);
      json_builder_set_member_name (b, "tasks");
      json_builder_add_int_value (b, entry->n_tasks);
      json_builder_set_member_name (b, "task_progress");
      gf_json_add_number_or_null (b, entry->task_progress);
      json_builder_set_member_name (b, "activity");
      json_builder_add_int_value (b, entry->activity_count);
      json_builder_set_member_name (b, "rules");
      json_builder_begin_array (b);
      for (guint r = 0; r < board->rules->len; r++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "growth");
          gf_json_add_number_or_null (b, entry->growth[r]);
          json_builder_set_member_name (b, "points");
          json_builder_add_double_value (b, round (entry->points[r] * 100) / 100);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

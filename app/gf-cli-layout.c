/* gf-cli-layout.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gongfu-atlas-cli layout …: the planning of cluster layouts from a shell: list, copy, assign,
 * rename, current, delete, compare and check.
 */

#define G_LOG_DOMAIN "gf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gf-cli-private.h"
#include "gf-layout.h"
#include "gf-number-format.h"

/* How to call the layout commands; the exit status of a wrong command line. */
static int
layout_usage (void)
{
  g_printerr ("%s\n",
              _("Usage:\n"
                "  gongfu-atlas-cli layout list DB\n"
                "  gongfu-atlas-cli layout copy DB FROM NAME\n"
                "  gongfu-atlas-cli layout assign DB LAYOUT VILLAGE_CODE CLUSTER|-\n"
                "  gongfu-atlas-cli layout rename DB OLD NEW\n"
                "  gongfu-atlas-cli layout current DB NAME\n"
                "  gongfu-atlas-cli layout delete DB NAME\n"
                "  gongfu-atlas-cli layout compare DB A B [--year YEAR] [--json]\n"
                "      [--indicators all|CODE,CODE]\n"
                "  gongfu-atlas-cli layout check DB NAME\n"
                "\n"
                "“copy” saves a new layout that is not current; only “current” changes the\n"
                "current layout, which “assign” refuses to edit. CLUSTER “-” takes the village\n"
                "out of any cluster. “compare” shows B against A per cluster."));
  return GF_CLI_EXIT_USAGE;
}

/* The layout called @name, or %NULL after a message. */
static GfLayoutInfo *
find_layout (GfDatabase *db,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  GfLayoutInfo *info = gf_layout_find (db, name, &error);

  if (info == NULL)
    gf_cli_fail_error (error);

  return info;
}

/* How most layout commands start: exactly @n_args arguments, the first the database and the
 * second a layout's name. Opens the one and finds the other; returns 0, or the exit status
 * after a message. */
static int
open_layout (GPtrArray       *args,
             guint            n_args,
             GfCliOpenFlags   flags,
             GfDatabase     **db,
             GfLayoutInfo   **layout)
{
  if (args->len != n_args)
    return layout_usage ();

  *db = gf_cli_open_database (g_ptr_array_index (args, 0), flags);
  if (*db == NULL)
    return GF_CLI_EXIT_FAILURE;
  *layout = find_layout (*db, g_ptr_array_index (args, 1));
  if (*layout == NULL)
    return GF_CLI_EXIT_FAILURE;

  return 0;
}

/* A village's code and name, for the lines that list villages. */
static gboolean
lookup_village (GfDatabase  *db,
                gint64       village_id,
                char       **code,
                char       **name,
                GError     **error)
{
  return gf_store_lookup_text (db, "village", "code", village_id, code, error)
         && gf_store_lookup_text (db, "village", "name", village_id, name, error);
}

/* layout list DB */
static int
run_layout_list (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layouts = NULL;

  if (args->len != 1)
    return layout_usage ();

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;
  if ((layouts = gf_layout_list (db, &error)) == NULL)
    return gf_cli_fail_error (error);

  for (guint i = 0; i < layouts->len; i++)
    {
      const GfLayoutInfo *info = g_ptr_array_index (layouts, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (info->created_at, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *created = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                                               : g_strdup (info->created_at);

      if (info->is_current)
        /* Translators: a saved layout: its name, clusters, villages, creation time */
        g_print (_("* %s (current) — clusters: %u, villages: %u, created %s\n"), info->name,
                 info->n_clusters, info->n_villages, created);
      else
        /* Translators: a saved layout: its name, clusters, villages, creation time */
        g_print (_("  %s — clusters: %u, villages: %u, created %s\n"), info->name,
                 info->n_clusters, info->n_villages, created);
    }

  if (layouts->len == 0)
    g_print ("%s\n", _("There are no layouts yet."));

  return 0;
}

/* layout copy DB FROM NAME */
static int
run_layout_copy (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) from = NULL;
  g_autoptr(GfLayoutDraft) draft = NULL;
  int status;

  if ((status = open_layout (args, 3, GF_CLI_OPEN_WRITE, &db, &from)) != 0)
    return status;

  draft = gf_layout_draft_new_from (db, from->id, g_ptr_array_index (args, 2), &error);
  if (draft == NULL || !gf_layout_draft_save (draft, &error))
    return gf_cli_fail_error (error);

  g_print (_("Copied “%s” to the new layout “%s”.\n"), from->name,
           gf_layout_draft_get_name (draft));
  return 0;
}

/* layout assign DB LAYOUT VILLAGE_CODE CLUSTER|- */
static int
run_layout_assign (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  g_autoptr(GfLayoutDraft) draft = NULL;
  g_autofree char *village_name = NULL;
  const char *code, *cluster;
  gint64 village_id = 0, cluster_id = 0;
  int status;

  if ((status = open_layout (args, 4, GF_CLI_OPEN_WRITE, &db, &layout)) != 0)
    return status;
  code = g_ptr_array_index (args, 2);
  cluster = g_ptr_array_index (args, 3);

  if (layout->is_current)
    return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                        _("gongfu-atlas-cli: “%s” is the current layout; copy it to a draft "
                          "first (gongfu-atlas-cli layout copy)\n"), layout->name);

  if (!gf_store_lookup_id (db, "village", "code", code, &village_id, &error)
      || (!g_str_equal (cluster, "-")
          && !gf_store_lookup_id (db, "cluster", "name", cluster, &cluster_id, &error)))
    return gf_cli_fail_error (error);
  if (village_id == 0)
    return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                        _("gongfu-atlas-cli: there is no village with code “%s”\n"), code);
  if (!gf_store_lookup_text (db, "village", "name", village_id, &village_name, &error))
    return gf_cli_fail_error (error);
  if (cluster_id == 0 && !g_str_equal (cluster, "-"))
    return gf_cli_fail (GF_CLI_EXIT_FAILURE, _("gongfu-atlas-cli: there is no cluster “%s”\n"),
                        cluster);

  /* The whole layout is rewritten in one transaction, so a failure leaves it as it was. */
  draft = gf_layout_draft_open (db, layout->id, &error);
  if (draft == NULL || !gf_layout_draft_assign (draft, village_id, cluster_id, &error)
      || !gf_layout_draft_save (draft, &error))
    return gf_cli_fail_error (error);

  if (cluster_id != 0)
    /* Translators: village name, its code, the cluster, the layout */
    g_print (_("%s (%s) is now in cluster “%s” of “%s”.\n"), village_name, code, cluster,
             layout->name);
  else
    /* Translators: village name, its code, the layout */
    g_print (_("%s (%s) is now in no cluster of “%s”.\n"), village_name, code, layout->name);

  return 0;
}

/* layout rename DB OLD NEW */
static int
run_layout_rename (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  int status;

  if ((status = open_layout (args, 3, GF_CLI_OPEN_WRITE, &db, &layout)) != 0)
    return status;

  if (!gf_layout_rename (db, layout->id, g_ptr_array_index (args, 2), &error))
    return gf_cli_fail_error (error);

  g_print (_("Renamed “%s” to “%s”.\n"), layout->name, (char *) g_ptr_array_index (args, 2));
  return 0;
}

/* layout current|delete DB NAME: @change applied to the layout, then @done_format (a
 * translated message that takes the layout's name) on stdout. */
static int
change_layout (GPtrArray   *args,
               gboolean   (*change) (GfDatabase  *db,
                                     gint64       id,
                                     GError     **error),
               const char  *done_format)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  int status;

  if ((status = open_layout (args, 2, GF_CLI_OPEN_WRITE, &db, &layout)) != 0)
    return status;

  if (!change (db, layout->id, &error))
    return gf_cli_fail_error (error);

  g_print (done_format, layout->name);
  return 0;
}

/* layout current DB NAME */
static int
run_layout_current (GPtrArray *args)
{
  return change_layout (args, gf_layout_make_current, _("“%s” is now the current layout.\n"));
}

/* layout delete DB NAME */
static int
run_layout_delete (GPtrArray *args)
{
  return change_layout (args, gf_layout_delete, _("Deleted the layout “%s”.\n"));
}

/* The indicators `layout compare` shows by default: income, land, e-commerce, tourism, jobs. */
static const char * const layout_key_indicators[] = {
  "coll_operating_income", "coll_total_income", "income_per_capita_disposable",
  "land_transferred", "ecommerce_sales", "tourism_income", "common_prosperity_jobs",
};

static char *
format_signed (double value,
               int    decimals)
{
  g_autofree char *text = gf_number_format_grouped (value, decimals);

  if (isfinite (value) && value > 0 && strpbrk (text, "123456789") != NULL)
    return g_strconcat ("+", text, NULL);

  return g_steal_pointer (&text);
}

static void
print_delta_row (const char          *label,
                 const GfLayoutDelta *d,
                 int                  decimals)
{
  g_autofree char *a = NULL, *b = NULL, *change = NULL;

  if (isnan (d->a))
    a = g_strdup (_("no data"));
  else
    a = gf_number_format_grouped (d->a, decimals);
  if (isnan (d->b))
    b = g_strdup (_("no data"));
  else
    b = gf_number_format_grouped (d->b, decimals);

  if (isnan (d->diff))
    change = g_strdup ("—");
  else if (isnan (d->percent))
    change = format_signed (d->diff, decimals);
  else
    {
      g_autofree char *diff = format_signed (d->diff, decimals);
      g_autofree char *percent = gf_number_format_percent_signed (d->percent, 1);

      change = g_strdup_printf ("%s, %s", diff, percent);
    }

  /* Translators: a row of a layout comparison: label, value in the first layout, value in the
   * second, and the change ("+1, +50.0%") */
  g_print (_("  %s: %s → %s (%s)\n"), label, a, b, change);
}

static char *
cluster_label (GHashTable *names,
               gint64      cluster_id)
{
  const char *name = g_hash_table_lookup (names, &cluster_id);

  if (cluster_id == 0)
    return g_strdup (_("no cluster"));

  return g_strdup (name != NULL ? name : "?");
}

static JsonNode *
layout_json (const GfLayoutInfo *info)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, info->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, info->name);
  json_builder_set_member_name (b, "is_current");
  json_builder_add_boolean_value (b, info->is_current);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* layout compare DB A B [--year YEAR] [--json] [--indicators all|CODE,CODE] */
static int
run_layout_compare (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) a = NULL;
  g_autoptr(GfLayoutInfo) b = NULL;
  g_autoptr(GHashTable) members_a = NULL;
  g_autoptr(GHashTable) members_b = NULL;
  g_autoptr(GfLayoutTotals) totals_a = NULL;
  g_autoptr(GfLayoutTotals) totals_b = NULL;
  g_autoptr(GfLayoutComparison) comparison = NULL;
  g_autoptr(GArray) moves = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *year_text = NULL, *indicators_text = NULL;
  gboolean json = gf_cli_take_flag (args, "--json");
  int year = 0, status;

  if (!gf_cli_take_option (args, "--year", &year_text)
      || !gf_cli_take_option (args, "--indicators", &indicators_text) || args->len != 3)
    return layout_usage ();

  if (!gf_cli_parse_year (year_text, &year))
    return GF_CLI_EXIT_USAGE;

  if ((status = open_layout (args, 3, GF_CLI_OPEN_READ, &db, &a)) != 0)
    return status;
  if ((b = find_layout (db, g_ptr_array_index (args, 2))) == NULL)
    return GF_CLI_EXIT_FAILURE;

  if ((members_a = gf_layout_get_membership (db, a->id, &error)) == NULL
      || (members_b = gf_layout_get_membership (db, b->id, &error)) == NULL
      || (totals_a = gf_layout_totals (db, members_a, year, &error)) == NULL
      || (totals_b = gf_layout_totals (db, members_b, year, &error)) == NULL
      || (clusters = gf_store_list_clusters (db, &error)) == NULL)
    return gf_cli_fail_error (error);

  comparison = gf_layout_compare (totals_a, totals_b);
  moves = gf_layout_diff (members_a, members_b);
  names = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint c = 0; c < clusters->len; c++)
    {
      GfClusterRecord *record = g_ptr_array_index (clusters, c);

      g_hash_table_insert (names, &record->id, record->name);
    }

  if (indicators_text != NULL && g_str_equal (indicators_text, "all"))
    for (guint i = 0; i < comparison->indicators->len; i++)
      g_array_append_val (shown, i);
  else if (indicators_text != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (indicators_text, ",", -1);

      for (guint k = 0; codes[k] != NULL; k++)
        {
          int i = gf_layout_totals_find_indicator (totals_a, g_strstrip (codes[k]));

          if (i < 0)
            return gf_cli_fail (GF_CLI_EXIT_USAGE,
                                _("gongfu-atlas-cli: unknown indicator “%s”\n"), codes[k]);
          g_array_append_val (shown, i);
        }
    }
  else
    for (guint k = 0; k < G_N_ELEMENTS (layout_key_indicators); k++)
      {
        int i = gf_layout_totals_find_indicator (totals_a, layout_key_indicators[k]);

        if (i >= 0)
          g_array_append_val (shown, i);
      }

  if (json)
    {
      g_autoptr(JsonNode) root = gf_layout_comparison_to_json (comparison);
      JsonObject *object = json_node_get_object (root);
      JsonArray *moved = json_array_new ();

      json_object_set_member (object, "a", layout_json (a));
      json_object_set_member (object, "b", layout_json (b));
      for (guint m = 0; m < moves->len; m++)
        {
          const GfLayoutMove *move = &g_array_index (moves, GfLayoutMove, m);
          g_autofree char *code = NULL, *name = NULL;
          JsonObject *entry = json_object_new ();

          if (!lookup_village (db, move->village_id, &code, &name, &error))
            {
              json_object_unref (entry);
              json_array_unref (moved);
              return gf_cli_fail_error (error);
            }
          json_object_set_string_member (entry, "village_code", code);
          json_object_set_string_member (entry, "village_name", name);
          if (move->from_cluster != 0)
            json_object_set_string_member (entry, "from",
                                           g_hash_table_lookup (names, &move->from_cluster));
          else
            json_object_set_null_member (entry, "from");
          if (move->to_cluster != 0)
            json_object_set_string_member (entry, "to",
                                           g_hash_table_lookup (names, &move->to_cluster));
          else
            json_object_set_null_member (entry, "to");
          json_array_add_object_element (moved, entry);
        }
      json_object_set_array_member (object, "moved", moved);

      gf_cli_print_json (root);
      return 0;
    }

  if (comparison->year != 0)
    /* Translators: the two layouts' names and the year of the figures */
    g_print (_("Comparing “%s” (first) with “%s” (second), figures of %d\n"), a->name, b->name,
             comparison->year);
  else
    g_print (_("Comparing “%s” (first) with “%s” (second); there is no indicator data yet\n"),
             a->name, b->name);

  if (moves->len == 0)
    g_print ("%s\n", _("No village is in another cluster."));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u village is in another cluster:\n",
                          "%u villages are in another cluster:\n", moves->len), moves->len);
  for (guint m = 0; m < moves->len; m++)
    {
      const GfLayoutMove *move = &g_array_index (moves, GfLayoutMove, m);
      g_autofree char *code = NULL, *name = NULL;
      g_autofree char *from = cluster_label (names, move->from_cluster);
      g_autofree char *to = cluster_label (names, move->to_cluster);

      if (!lookup_village (db, move->village_id, &code, &name, &error))
        return gf_cli_fail_error (error);
      g_print ("  %s %s: %s → %s\n", code, name, from, to);
    }

  for (guint c = 0; c < comparison->clusters->len; c++)
    {
      const GfLayoutClusterComparison *entry = g_ptr_array_index (comparison->clusters, c);

      g_print ("\n");
      if (!entry->in_a)
        g_print (_("Cluster “%s” (only in “%s”)\n"), entry->name, b->name);
      else if (!entry->in_b)
        g_print (_("Cluster “%s” (only in “%s”)\n"), entry->name, a->name);
      else
        g_print (_("Cluster “%s”\n"), entry->name);

      print_delta_row (_("Villages"), &entry->villages, 0);
      print_delta_row (_("Area (km²)"), &entry->area_km2, 2);
      print_delta_row (_("Area (mu)"), &entry->area_mu, 0);
      print_delta_row (_("Population"), &entry->population, 0);
      for (guint k = 0; k < shown->len; k++)
        {
          int i = g_array_index (shown, int, k);
          const GfIndicator *ind = g_ptr_array_index (comparison->indicators, i);
          /* Translators: an indicator's name and its unit */
          g_autofree char *label = g_strdup_printf (C_("indicator with unit", "%s (%s)"),
                                                    ind->name_zh, ind->unit);

          print_delta_row (label, &entry->values[i], 2);
        }
    }

  return 0;
}

static char *
format_elongation (double elongation)
{
  if (isnan (elongation))
    return g_strdup ("—");
  if (isinf (elongation))
    return g_strdup ("∞");

  return g_strdup_printf ("%.1f", elongation);
}

/* layout check DB NAME */
static int
run_layout_check (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  g_autoptr(GHashTable) membership = NULL;
  g_autoptr(GfLayoutGeometry) geometry = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  int status;

  if ((status = open_layout (args, 2, GF_CLI_OPEN_READ, &db, &layout)) != 0)
    return status;

  if ((membership = gf_layout_get_membership (db, layout->id, &error)) == NULL
      || (geometry = gf_layout_geometry_load (db, &error)) == NULL
      || (clusters = gf_store_list_clusters (db, &error)) == NULL)
    return gf_cli_fail_error (error);

  for (guint c = 0; c < clusters->len; c++)
    {
      const GfClusterRecord *record = g_ptr_array_index (clusters, c);
      g_autofree char *elongation = NULL;
      GfLayoutShape shape;

      if (!gf_layout_geometry_shape (geometry, membership, record->id, &shape))
        continue;
      elongation = format_elongation (shape.elongation);
      /* Translators: a cluster's name, its member villages, the connected parts they form,
       * and how many times longer than wide it is */
      g_print (_("%s: villages %u, parts %u, elongation %s\n"), record->name, shape.n_members,
               shape.n_parts, elongation);
    }

  warnings = gf_layout_check (geometry, membership);
  if (warnings->len == 0)
    g_print ("%s\n", _("No warnings: every cluster is contiguous and compact."));

  for (guint w = 0; w < warnings->len; w++)
    {
      const GfLayoutWarning *warning = g_ptr_array_index (warnings, w);

      g_print ("%s: %s\n", _("Warning"), warning->message);
      for (guint v = 0; v < warning->stray_villages->len; v++)
        {
          gint64 id = g_array_index (warning->stray_villages, gint64, v);
          g_autofree char *code = NULL, *name = NULL;

          if (!lookup_village (db, id, &code, &name, &error))
            return gf_cli_fail_error (error);
          /* Translators: a village apart from the rest of its cluster: code and name */
          g_print (_("  apart from the rest: %s %s\n"), code, name);
        }
    }

  return 0;
}

/* layout list|copy|assign|rename|current|delete|compare|check DB … */
int
gf_cli_run_layout (GPtrArray *args)
{
  static const struct
  {
    const char *name;
    int       (*run) (GPtrArray *args);
  } commands[] = {
    { "list", run_layout_list }, { "copy", run_layout_copy },
    { "assign", run_layout_assign }, { "rename", run_layout_rename },
    { "current", run_layout_current }, { "delete", run_layout_delete },
    { "compare", run_layout_compare }, { "check", run_layout_check },
  };
  const char *command;

  if (args->len < 1)
    return layout_usage ();

  command = g_ptr_array_index (args, 0);
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h"))
    {
      layout_usage ();
      return 0;
    }

  g_ptr_array_remove_index (args, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (command, commands[i].name))
      return commands[i].run (args);

  return layout_usage ();
}

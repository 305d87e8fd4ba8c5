/* gf-cli-data.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands of gongfu-atlas-cli that make, fill, read out and check a database: init,
 * import, export, check and summary.
 */

#define G_LOG_DOMAIN "gf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gf-check.h"
#include "gf-cli-private.h"
#include "gf-export.h"
#include "gf-leaderboard.h"
#include "gf-sample.h"
#include "gf-store.h"
#include "gf-summary.h"

/* init [--sample] DB */
int
gf_cli_run_init (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sample = gf_cli_take_flag (args, "--sample");
  const char *path;
  gboolean existed;

  if (args->len != 1)
    return gf_cli_usage ();
  path = g_ptr_array_index (args, 0);
  existed = g_file_test (path, G_FILE_TEST_EXISTS);

  db = gf_cli_open_database (path, GF_CLI_OPEN_CREATE);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  if (sample && !gf_sample_load (db, NULL, NULL, NULL, &error))
    {
      /* A file this command created is removed again rather than left half-made. */
      g_clear_object (&db);
      if (!existed)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_unlink (path);
          g_unlink (wal);
          g_unlink (shm);
        }
      return gf_cli_fail_error (error);
    }

  return 0;
}

/* import DB KIND FILE [--gcj02] */
int
gf_cli_run_import (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean gcj02 = gf_cli_take_flag (args, "--gcj02");
  GfImportKind kind;
  guint n = 0;

  if (args->len != 3)
    return gf_cli_usage ();
  if (!gf_cli_parse_kind (g_ptr_array_index (args, 1), &kind))
    return GF_CLI_EXIT_USAGE;

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_WRITE);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  file = g_file_new_for_commandline_arg (g_ptr_array_index (args, 2));
  if (!gf_import_file (db, kind, file, gcj02 ? GF_IMPORT_FLAGS_GCJ02 : GF_IMPORT_FLAGS_NONE,
                       &n, NULL, NULL, NULL, &error))
    return gf_cli_fail_error (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u record.\n", "Imported %u records.\n", n), n);
  return 0;
}

/* export DB KIND FILE */
int
gf_cli_run_export (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  GfImportKind kind;

  if (args->len != 3)
    return gf_cli_usage ();
  if (!gf_cli_parse_kind (g_ptr_array_index (args, 1), &kind))
    return GF_CLI_EXIT_USAGE;

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  file = g_file_new_for_commandline_arg (g_ptr_array_index (args, 2));
  if (!gf_export_file (db, kind, file, NULL, &error))
    return gf_cli_fail_error (error);

  return 0;
}

/* check DB */
int
gf_cli_run_check (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean has_errors = FALSE;

  if (args->len != 1)
    return gf_cli_usage ();

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  findings = gf_check_database (db, NULL, &error);
  if (findings == NULL)
    return gf_cli_fail_error (error);

  for (guint i = 0; i < findings->len; i++)
    {
      GfCheckFinding *finding = g_ptr_array_index (findings, i);

      g_print ("%s: %s\n", gf_check_severity_label (finding->severity), finding->message);
      has_errors |= finding->severity == GF_CHECK_ERROR;
    }

  if (findings->len == 0)
    g_print ("%s\n", _("No problems found."));

  /* Exit status 1 when the data has errors, so scripts can stop on a broken file. */
  return has_errors ? GF_CLI_EXIT_FAILURE : 0;
}

/* summary DB [--year YEAR] [--json] */
int
gf_cli_run_summary (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSummary) summary = NULL;
  g_autofree char *year_text = NULL;
  gboolean json = gf_cli_take_flag (args, "--json");
  int year = 0;

  if (!gf_cli_take_option (args, "--year", &year_text) || args->len != 1)
    return gf_cli_usage ();
  if (!gf_cli_parse_year (year_text, &year))
    return GF_CLI_EXIT_USAGE;

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  summary = gf_summary_compute (db, year, &error);
  if (summary == NULL)
    return gf_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = gf_summary_to_json (summary);

      gf_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = gf_summary_to_text (summary);
      g_print ("%s", text);
    }

  return 0;
}

/* leaderboard DB [--year YEAR] [--json | --output FILE [--width W --height H --dpi D]]: the
 * current layout's clusters, ranked, as text, JSON or a chart */
int
gf_cli_run_leaderboard (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLeaderboard) board = NULL;
  g_autofree char *year_text = NULL;
  g_auto(GfCliChartFile) file = { 0 };
  gboolean json = gf_cli_take_flag (args, "--json");
  gint64 layout_id = 0;
  int year = 0, first_year = 0;

  if (!gf_cli_take_option (args, "--year", &year_text) || !gf_cli_take_chart_file (args, &file)
      || args->len != 1 || (json && file.path != NULL))
    return gf_cli_usage ();
  if (!gf_cli_parse_year (year_text, &year)
      || (file.path != NULL && !gf_cli_parse_chart_file (&file)))
    return GF_CLI_EXIT_USAGE;

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  if (!gf_store_current_layout (db, &layout_id, &error))
    return gf_cli_fail_error (error);
  if (layout_id == 0)
    return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                        _("gongfu-atlas-cli: the database has no cluster layout yet; import "
                          "clusters and their members first\n"));

  /* Without --year, the latest year with indicator values, as in the window. */
  if (year == 0 && !gf_store_year_range (db, &first_year, &year, &error))
    return gf_cli_fail_error (error);
  if (year == 0)
    return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                        _("gongfu-atlas-cli: the database has no indicator values yet; give the "
                          "year with --year\n"));

  board = gf_leaderboard_compute (db, layout_id, year, NULL, &error);
  if (board == NULL)
    return gf_cli_fail_error (error);

  if (board->rules->len == 0)
    return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                        _("gongfu-atlas-cli: the database has no scoring rules; import "
                          "score_rules.csv to set how tasks, growth and activity are "
                          "weighted\n"));

  if (file.path != NULL)
    {
      g_autoptr(GfChartSpec) spec = gf_leaderboard_to_chart (board, TRUE);

      return gf_cli_write_chart_file (db, spec, &file);
    }

  if (json)
    {
      g_autoptr(JsonNode) root = gf_leaderboard_to_json (board);

      gf_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = gf_leaderboard_to_text (board);

      g_print ("%s", text);
    }

  return 0;
}

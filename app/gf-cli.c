/* gf-cli.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gongfu-atlas-cli: the core from a shell, for staff scripts and for tests from outside.
 * Errors go to stderr with exit status 1 (2 for a wrong command line); every write is one
 * transaction, so a failed command leaves the database as it was.
 *
 * This file holds main(), the table of commands, the usage text and the helpers every command
 * shares; the commands themselves are in gf-cli-data.c, gf-cli-map.c, gf-cli-chart.c and
 * gf-cli-layout.c (gf-cli-private.h says which is where).
 */

#define G_LOG_DOMAIN "gf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "gf-cli-private.h"
#include "gf-map-render.h"

/**
 * gf_cli_usage:
 *
 * Prints how to call the program on stderr.
 *
 * Returns: %GF_CLI_EXIT_USAGE, the exit status of a wrong command line
 */
int
gf_cli_usage (void)
{
  g_printerr ("%s\n",
              _("Usage:\n"
                "  gongfu-atlas-cli init [--sample] DB\n"
                "  gongfu-atlas-cli import DB KIND FILE [--gcj02]\n"
                "  gongfu-atlas-cli export DB KIND FILE\n"
                "  gongfu-atlas-cli check DB\n"
                "  gongfu-atlas-cli summary DB [--year YEAR] [--json]\n"
                "  gongfu-atlas-cli leaderboard DB [--year YEAR] [--json |\n"
                "      --output FILE.(png|svg|pdf) [--width W] [--height H] [--dpi D]]\n"
                "  gongfu-atlas-cli render-map DB --output FILE.(png|svg|pdf) [--width W]\n"
                "      [--height H] [--scale 1-4]\n"
                "      [--fit district|cluster:NAME|MINLON,MINLAT,MAXLON,MAXLAT]\n"
                "      [--color-by cluster|INDICATOR:YEAR]\n"
                "      [--classes quantile|equal|thresholds[:N,N,…]]\n"
                "      [--layers towns,clusters,villages,sites,routes,labels]\n"
                "  gongfu-atlas-cli render-chart DB --kind KIND --indicator CODE[,CODE…]\n"
                "      [--clusters NAME,NAME | --villages NAME,NAME] [--years FIRST-LAST]\n"
                "      --output FILE.(png|svg|pdf) [--width W] [--height H] [--dpi D]\n"
                "  gongfu-atlas-cli briefing DB NAME --output FILE.pdf\n"
                "  gongfu-atlas-cli briefing-list DB\n"
                "  gongfu-atlas-cli briefing-add DB NAME [--title TEXT] [--source TEXT]\n"
                "      [--position N] (--chart KIND --indicator CODE[,CODE…]\n"
                "      [--clusters NAME,NAME | --villages NAME,NAME] [--years FIRST-LAST]\n"
                "      | --map [--fit district|cluster:NAME] [--color-by cluster|INDICATOR:YEAR]\n"
                "      [--classify quantile|equal|thresholds] [--classes N] [--layers …]\n"
                "      | --leaderboard [--year YEAR])\n"
                "\n"
                "A chart KIND is one of: line, bar, stacked, growth, donut, ranked, sparkline,\n"
                "multiples. Several indicators (of one unit) make a bar or stacked chart of the\n"
                "last year. A village that shares its name is written with its town:\n"
                "新村（河桥镇）. --width and --height are pixels at 96 dpi (default 1280 × 720):\n"
                "a PNG is W × D / 96 pixels wide; an SVG or PDF page is W × 0.75 points.\n"
                "\n"
                "KIND is one of: district, towns, villages, clusters, cluster_members, alliances,\n"
                "organizations, organization_owners, alliance_members, sites, observations,\n"
                "tasks, activities, finance, talents, score_rules (CSV); boundaries, routes\n"
                "(GeoJSON)."));
  g_printerr ("%s\n",
              _("Planning of cluster layouts:\n"
                "  gongfu-atlas-cli layout list|copy|assign|rename|current|delete|compare|check …\n"
                "      (gongfu-atlas-cli layout --help explains each)"));
  return GF_CLI_EXIT_USAGE;
}

/**
 * gf_cli_fail:
 * @status: the exit status to return
 * @format: a translated message, with the "gongfu-atlas-cli: " prefix and the final newline
 *   that the translations carry
 *
 * Prints a message on stderr.
 *
 * Returns: @status
 */
int
gf_cli_fail (int         status,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s", message);

  return status;
}

/**
 * gf_cli_fail_error:
 * @error: what went wrong, as a sentence for the user
 *
 * Prints @error on stderr after the program's name.
 *
 * Returns: %GF_CLI_EXIT_FAILURE
 */
int
gf_cli_fail_error (const GError *error)
{
  g_printerr ("gongfu-atlas-cli: %s\n", error->message);
  return GF_CLI_EXIT_FAILURE;
}

/**
 * gf_cli_print_json:
 * @root: what a command prints with --json
 *
 * Prints @root on stdout, indented, with a final newline.
 */
void
gf_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/**
 * gf_cli_take_flag:
 * @args: the arguments left
 * @flag: a flag such as "--json"
 *
 * Returns: whether @flag was given; it is taken out of @args
 */
gboolean
gf_cli_take_flag (GPtrArray  *args,
                  const char *flag)
{
  for (guint i = 0; i < args->len; i++)
    if (g_str_equal (g_ptr_array_index (args, i), flag))
      {
        g_ptr_array_remove_index (args, i);
        return TRUE;
      }

  return FALSE;
}

/**
 * gf_cli_take_option:
 * @args: the arguments left
 * @option: an option with a value, such as "--output"
 * @value: (out) (transfer full): set to a copy of the value when @option is given; left alone
 *   when it is not
 *
 * Takes @option and its value out of @args.
 *
 * Returns: %FALSE when @option is the last argument, without a value
 */
gboolean
gf_cli_take_option (GPtrArray   *args,
                    const char  *option,
                    char       **value)
{
  for (guint i = 0; i < args->len; i++)
    if (g_str_equal (g_ptr_array_index (args, i), option))
      {
        if (i + 1 >= args->len)
          return FALSE;
        *value = g_strdup (g_ptr_array_index (args, i + 1));
        g_ptr_array_remove_range (args, i, 2);
        return TRUE;
      }

  return TRUE;
}

/**
 * gf_cli_open_database:
 * @path: the database file
 * @flags: whether it may be created, and whether the command writes
 *
 * Opens the database a command works on; a command that writes refuses a database that can
 * only be read (or that another program has locked) before it starts.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL after a message on stderr
 */
GfDatabase *
gf_cli_open_database (const char     *path,
                      GfCliOpenFlags  flags)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = gf_database_open (path, flags == GF_CLI_OPEN_CREATE ? GF_DATABASE_OPEN_DEFAULT
                                                           : GF_DATABASE_OPEN_EXISTING, &error);
  if (db == NULL)
    {
      gf_cli_fail_error (error);
      return NULL;
    }

  if (flags != GF_CLI_OPEN_READ && gf_database_is_read_only (db))
    {
      g_set_error (&error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY,
                   gf_database_get_read_only_reason (db) == GF_READ_ONLY_LOCKED
                   ? _("“%s” is locked by another program; try again when it is closed")
                   : _("“%s” can only be read"), path);
      gf_cli_fail_error (error);
      return NULL;
    }

  return g_steal_pointer (&db);
}

/**
 * gf_cli_parse_kind:
 * @text: a kind of data, such as "villages"
 * @kind: (out): the kind
 *
 * Returns: whether @text names a kind; %FALSE after a message
 */
gboolean
gf_cli_parse_kind (const char   *text,
                   GfImportKind *kind)
{
  if (gf_import_kind_from_string (text, kind))
    return TRUE;

  g_printerr (_("gongfu-atlas-cli: unknown kind “%s”\n"), text);
  return FALSE;
}

/**
 * gf_cli_parse_number:
 * @text: (nullable): the value of @option, or %NULL when it was not given
 * @option: the option, such as "--width", for the message
 * @min: the smallest value allowed
 * @max: the largest value allowed
 * @value: (inout): set to the number; left alone when @text is %NULL
 *
 * Returns: whether @text is a whole number from @min to @max (or %NULL); %FALSE after a message
 */
gboolean
gf_cli_parse_number (const char *text,
                     const char *option,
                     gint64      min,
                     gint64      max,
                     gint64     *value)
{
  if (text == NULL)
    return TRUE;
  if (g_ascii_string_to_signed (text, 10, min, max, value, NULL))
    return TRUE;

  /* Translators: the first %s is an option (--width), the second its bad value. */
  g_printerr (_("gongfu-atlas-cli: %s must be a whole number from %d to %d, not “%s”\n"),
              option, (int) min, (int) max, text);
  return FALSE;
}

/**
 * gf_cli_parse_year:
 * @text: (nullable): the value of --year, or %NULL when it was not given
 * @year: (inout): set to the year; left alone when @text is %NULL
 *
 * Returns: whether @text is a year from 1949 to 2100 (or %NULL); %FALSE after a message
 */
gboolean
gf_cli_parse_year (const char *text,
                   int        *year)
{
  gint64 parsed;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, 1949, 2100, &parsed, NULL))
    {
      g_printerr (_("gongfu-atlas-cli: “%s” is not a year\n"), text);
      return FALSE;
    }

  *year = (int) parsed;
  return TRUE;
}

/**
 * gf_cli_parse_years:
 * @text: the value of --years: "2016-2025", "2016–2025" or "2016"
 * @first_year: (out): the first year
 * @last_year: (out): the last year
 *
 * Returns: whether @text is a year or a range of years from 1949 to 2100, the first not after
 *   the last; %FALSE after a message
 */
gboolean
gf_cli_parse_years (const char *text,
                    int        *first_year,
                    int        *last_year)
{
  g_autofree char *copy = g_strdup (text);
  char *dash = strstr (copy, "–");
  const char *second;
  gint64 a, b;

  if (dash != NULL)
    {
      *dash = '\0';
      second = dash + strlen ("–");
    }
  else if ((dash = strchr (copy, '-')) != NULL)
    {
      *dash = '\0';
      second = dash + 1;
    }
  else
    second = copy;

  if (!g_ascii_string_to_signed (g_strstrip (copy), 10, 1949, 2100, &a, NULL)
      || !g_ascii_string_to_signed (second, 10, 1949, 2100, &b, NULL) || a > b)
    {
      g_printerr (_("gongfu-atlas-cli: --years takes a year or a range such as 2016-2025 "
                    "(from 1949 to 2100, the first not after the last), not “%s”\n"), text);
      return FALSE;
    }

  *first_year = (int) a;
  *last_year = (int) b;
  return TRUE;
}

/**
 * gf_cli_parse_layers:
 * @text: (nullable): the value of --layers, such as "towns,villages,labels", or %NULL when it
 *   was not given
 * @layers: (inout): set to the #GfMapLayer flags; left alone when @text is %NULL
 *
 * Returns: whether every name in @text is a layer (or @text is %NULL); %FALSE after a message
 */
gboolean
gf_cli_parse_layers (const char *text,
                     guint      *layers)
{
  static const struct { const char *name; guint flag; } names[] = {
    { "towns", GF_MAP_LAYER_TOWNS }, { "clusters", GF_MAP_LAYER_CLUSTERS },
    { "villages", GF_MAP_LAYER_VILLAGES }, { "sites", GF_MAP_LAYER_SITES },
    { "routes", GF_MAP_LAYER_ROUTES }, { "labels", GF_MAP_LAYER_LABELS },
  };
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return TRUE;

  parts = g_strsplit (text, ",", -1);
  *layers = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        if (g_str_equal (g_strstrip (parts[i]), names[j].name))
          {
            *layers |= names[j].flag;
            known = TRUE;
          }
      if (!known)
        {
          g_printerr (_("gongfu-atlas-cli: unknown layer “%s”\n"), parts[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * gf_cli_parse_color_by:
 * @text: (nullable): the value of --color-by: "cluster", "INDICATOR:YEAR", or %NULL when it was
 *   not given
 * @indicator: (out) (transfer full): set to the indicator's code; left alone for "cluster"
 * @year: (out): set to the year; left alone for "cluster"
 *
 * Returns: whether @text is "cluster" or an indicator and a year from 1949 to 2100 (or %NULL);
 *   %FALSE after a message
 */
gboolean
gf_cli_parse_color_by (const char  *text,
                       char       **indicator,
                       int         *year)
{
  const char *colon;
  gint64 parsed;

  if (text == NULL || g_str_equal (text, "cluster"))
    return TRUE;

  colon = strrchr (text, ':');
  if (colon == NULL || colon == text
      || !g_ascii_string_to_signed (colon + 1, 10, 1949, 2100, &parsed, NULL))
    {
      g_printerr (_("gongfu-atlas-cli: --color-by takes cluster or INDICATOR:YEAR "
                    "(a year from 1949 to 2100), not “%s”\n"), text);
      return FALSE;
    }

  *indicator = g_strndup (text, colon - text);
  *year = (int) parsed;
  return TRUE;
}

/**
 * gf_cli_parse_output:
 * @path: the value of --output of a picture
 * @format: (out): its format
 *
 * Returns: whether @path ends in .png, .svg or .pdf; %FALSE after a message
 */
gboolean
gf_cli_parse_output (const char    *path,
                     GfChartFormat *format)
{
  if (gf_chart_format_from_path (path, format))
    return TRUE;

  g_printerr (_("gongfu-atlas-cli: the output must end in .png, .svg or .pdf\n"));
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  static const struct
  {
    const char *name;
    int       (*run) (GPtrArray *args);
  } commands[] = {
    { "init", gf_cli_run_init }, { "import", gf_cli_run_import },
    { "export", gf_cli_run_export }, { "check", gf_cli_run_check },
    { "summary", gf_cli_run_summary }, { "render-map", gf_cli_run_render_map },
    { "render-chart", gf_cli_run_render_chart }, { "briefing", gf_cli_run_briefing },
    { "briefing-add", gf_cli_run_briefing_add }, { "briefing-list", gf_cli_run_briefing_list },
    { "layout", gf_cli_run_layout }, { "leaderboard", gf_cli_run_leaderboard },
  };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *command;

  setlocale (LC_ALL, "");
  /* GF_LOCALEDIR points an uninstalled build at its own translations (.ci/app, meson devenv). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GF_LOCALEDIR") ? g_getenv ("GF_LOCALEDIR")
                                                              : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return gf_cli_usage ();

  command = argv[1];
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (args, argv[i]);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (command, commands[i].name))
      return commands[i].run (args);

  if (g_str_equal (command, "--help") || g_str_equal (command, "-h"))
    {
      gf_cli_usage ();
      return 0;
    }

  return gf_cli_usage ();
}

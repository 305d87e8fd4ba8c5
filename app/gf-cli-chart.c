/* gf-cli-chart.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts and briefings of gongfu-atlas-cli: render-chart, and briefing (the PDF handout),
 * briefing-list and briefing-add.
 */

#define G_LOG_DOMAIN "gf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-briefing.h"
#include "gf-chart-render.h"
#include "gf-chart-spec.h"
#include "gf-cli-private.h"
#include "gf-map-render.h"

/* The value of --kind (or of --chart in briefing-add); %FALSE after a message. */
static gboolean
parse_chart_kind (const char  *text,
                  GfChartKind *kind)
{
  if (text != NULL && gf_chart_kind_from_name (text, kind))
    return TRUE;

  g_printerr (_("gongfu-atlas-cli: --kind takes line, bar, stacked, growth, donut, ranked, "
                "sparkline or multiples, not “%s”\n"), text != NULL ? text : "");
  return FALSE;
}

/* The indicators and subjects of a chart from the command line: "--indicator A,B" and
 * "--clusters NAME,…" or "--villages NAME,…". @codes and @ids keep the memory that @request
 * borrows. Returns 0, or the exit status after a message. */
static int
parse_chart_request (GfDatabase      *db,
                     const char      *indicator_text,
                     const char      *clusters_text,
                     const char      *villages_text,
                     GfChartRequest  *request,
                     GStrv           *codes,
                     GArray         **ids)
{
  g_autoptr(GError) error = NULL;

  *codes = g_strsplit (indicator_text, ",", -1);
  for (guint i = 0; (*codes)[i] != NULL; i++)
    if (*g_strstrip ((*codes)[i]) == '\0')
      return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                          _("gongfu-atlas-cli: --indicator takes one code or several separated "
                            "by commas, not “%s”\n"), indicator_text);
  request->indicators = (const char * const *) *codes;
  request->n_indicators = g_strv_length (*codes);

  if (clusters_text != NULL && villages_text != NULL)
    return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                        _("gongfu-atlas-cli: a chart compares clusters or villages: give "
                          "--clusters or --villages, not both\n"));

  if (clusters_text != NULL || villages_text != NULL)
    {
      g_auto(GStrv) names = g_strsplit (clusters_text != NULL ? clusters_text : villages_text,
                                        ",", -1);

      *ids = clusters_text != NULL
             ? gf_chart_clusters_from_names (db, (const char * const *) names, &error)
             : gf_chart_villages_from_names (db, (const char * const *) names, &error);
      if (*ids == NULL)
        return gf_cli_fail_error (error);
      request->subject = clusters_text != NULL ? GF_CHART_SUBJECT_CLUSTERS
                                               : GF_CHART_SUBJECT_VILLAGES;
      request->subject_ids = (const gint64 *) (void *) (*ids)->data;
      request->n_subjects = (*ids)->len;
    }

  return 0;
}

/* render-chart DB --kind KIND --indicator CODE[,CODE…] [--clusters …|--villages …]
 *   [--years FIRST-LAST] --output FILE.(png|svg|pdf) [--width W] [--height H] [--dpi D] */
/**
 * gf_cli_take_chart_file:
 *
 * Takes --output, --width, --height and --dpi from @args into @file.
 *
 * Returns: %FALSE when an option has no value
 */
gboolean
gf_cli_take_chart_file (GPtrArray      *args,
                        GfCliChartFile *file)
{
  *file = (GfCliChartFile) { .width = 1280, .height = 720, .dpi = 96 };

  return gf_cli_take_option (args, "--output", &file->path)
         && gf_cli_take_option (args, "--width", &file->width_text)
         && gf_cli_take_option (args, "--height", &file->height_text)
         && gf_cli_take_option (args, "--dpi", &file->dpi_text);
}

/**
 * gf_cli_parse_chart_file:
 *
 * Reads the format from the output's name and the numbers of @file.
 *
 * Returns: %FALSE after a message
 */
gboolean
gf_cli_parse_chart_file (GfCliChartFile *file)
{
  return gf_cli_parse_output (file->path, &file->format)
         && gf_cli_parse_number (file->width_text, "--width", 160, 20000, &file->width)
         && gf_cli_parse_number (file->height_text, "--height", 90, 20000, &file->height)
         && gf_cli_parse_number (file->dpi_text, "--dpi", 24, 1200, &file->dpi);
}

void
gf_cli_chart_file_clear (GfCliChartFile *file)
{
  g_clear_pointer (&file->path, g_free);
  g_clear_pointer (&file->width_text, g_free);
  g_clear_pointer (&file->height_text, g_free);
  g_clear_pointer (&file->dpi_text, g_free);
}

/**
 * gf_cli_write_chart_file:
 * @spec: the chart; its size and source line are set here
 *
 * Writes @spec to @file, with the district's source line.
 *
 * Returns: 0, or the exit status after a message
 */
int
gf_cli_write_chart_file (GfDatabase           *db,
                         GfChartSpec          *spec,
                         const GfCliChartFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL, *source_line = NULL;
  GfDistrictRecord district = { 0 };

  if (!gf_store_get_district (db, &district, &error))
    return gf_cli_fail_error (error);

  /* --width and --height are CSS pixels (1/96 in): a PNG is width × dpi / 96 pixels wide,
   * an SVG or PDF page width × 0.75 points. */
  spec->width = file->width * 0.75;
  spec->height = file->height * 0.75;
  source = gf_briefing_default_source (district.name != NULL ? district.name : "",
                                       district.is_sample);
  /* Translators: the source line under a chart; %s is the data source */
  source_line = g_strdup_printf (_("Source: %s"), source);
  g_free ((char *) spec->source);
  spec->source = g_steal_pointer (&source_line);
  g_free (district.code);
  g_free (district.name);

  if (!gf_chart_write_file (spec, file->format, file->dpi, file->path, &error))
    return gf_cli_fail_error (error);

  return 0;
}

int
gf_cli_run_render_chart (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfChartSpec) spec = NULL;
  g_autoptr(GArray) subject_ids = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *kind_text = NULL, *indicator = NULL, *clusters_text = NULL;
  g_autofree char *villages_text = NULL, *years_text = NULL;
  g_auto(GfCliChartFile) file = { 0 };
  GfChartRequest request = { 0 };
  int status;

  if (!gf_cli_take_option (args, "--kind", &kind_text)
      || !gf_cli_take_option (args, "--indicator", &indicator)
      || !gf_cli_take_option (args, "--clusters", &clusters_text)
      || !gf_cli_take_option (args, "--villages", &villages_text)
      || !gf_cli_take_option (args, "--years", &years_text)
      || !gf_cli_take_chart_file (args, &file)
      || args->len != 1 || file.path == NULL || kind_text == NULL || indicator == NULL)
    return gf_cli_usage ();

  if (!gf_cli_parse_chart_file (&file)
      || !parse_chart_kind (kind_text, &request.kind)
      || (years_text != NULL && !gf_cli_parse_years (years_text, &request.first_year,
                                                     &request.last_year)))
    return GF_CLI_EXIT_USAGE;

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  status = parse_chart_request (db, indicator, clusters_text, villages_text, &request, &codes,
                                &subject_ids);
  if (status != 0)
    return status;

  aggregator = gf_aggregator_new (db, 0, &error);
  if (aggregator == NULL)
    return gf_cli_fail_error (error);
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  if (spec == NULL)
    return gf_cli_fail_error (error);

  return gf_cli_write_chart_file (db, spec, &file);
}

/* briefing DB NAME --output FILE.pdf */
int
gf_cli_run_briefing (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autofree char *output = NULL;
  GfChartFormat format;

  if (!gf_cli_take_option (args, "--output", &output) || args->len != 2 || output == NULL)
    return gf_cli_usage ();
  if (!gf_chart_format_from_path (output, &format) || format != GF_CHART_FORMAT_PDF)
    return gf_cli_fail (GF_CLI_EXIT_USAGE,
                        _("gongfu-atlas-cli: a handout is a PDF: the output must end in "
                          ".pdf\n"));

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  briefing = gf_store_find_briefing (db, g_ptr_array_index (args, 1), &error);
  if (briefing == NULL
      || !gf_briefing_export_pdf (db, briefing, output, NULL, NULL, NULL, &error))
    return gf_cli_fail_error (error);

  return 0;
}

/* briefing-list DB */
int
gf_cli_run_briefing_list (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) briefings = NULL;

  if (args->len != 1)
    return gf_cli_usage ();

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  briefings = gf_store_list_briefings (db, &error);
  if (briefings == NULL)
    return gf_cli_fail_error (error);

  for (guint i = 0; i < briefings->len; i++)
    {
      GfBriefing *briefing = g_ptr_array_index (briefings, i);
      g_autoptr(GfBriefingRenderer) renderer = gf_briefing_renderer_new (db, briefing, &error);

      if (renderer == NULL)
        return gf_cli_fail_error (error);

      g_print (g_dngettext (GETTEXT_PACKAGE, "%s (%u slide)\n", "%s (%u slides)\n",
                            briefing->slides->len),
               briefing->name, briefing->slides->len);
      for (guint s = 0; s < briefing->slides->len; s++)
        {
          g_autofree char *description = gf_slide_describe (g_ptr_array_index (briefing->slides,
                                                                                s));

          g_print ("  %u. %s — %s\n", s + 1, gf_briefing_renderer_get_title (renderer, s + 1),
                   description);
        }
    }

  if (briefings->len == 0)
    g_print ("%s\n", _("There are no briefings yet."));

  return 0;
}

/* briefing-add DB NAME [--title TEXT] [--source TEXT] [--position N] (--chart KIND … | --map …) */
int
gf_cli_run_briefing_add (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GfSlide) slide = NULL;
  g_autoptr(GArray) cluster_ids = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *chart = NULL, *indicator = NULL, *clusters_text = NULL;
  g_autofree char *villages_text = NULL, *classify_text = NULL, *classes_text = NULL;
  g_autofree char *years_text = NULL, *fit = NULL, *color_by = NULL, *layers_text = NULL;
  g_autofree char *title = NULL, *position_text = NULL, *source = NULL;
  g_autofree char *year_text = NULL;
  gboolean map = gf_cli_take_flag (args, "--map");
  gboolean leaderboard = gf_cli_take_flag (args, "--leaderboard");
  gint64 position = -1;
  const char *name;
  gint64 briefing_id;

  if (!gf_cli_take_option (args, "--chart", &chart)
      || !gf_cli_take_option (args, "--indicator", &indicator)
      || !gf_cli_take_option (args, "--clusters", &clusters_text)
      || !gf_cli_take_option (args, "--villages", &villages_text)
      || !gf_cli_take_option (args, "--classify", &classify_text)
      || !gf_cli_take_option (args, "--classes", &classes_text)
      || !gf_cli_take_option (args, "--years", &years_text)
      || !gf_cli_take_option (args, "--fit", &fit)
      || !gf_cli_take_option (args, "--color-by", &color_by)
      || !gf_cli_take_option (args, "--layers", &layers_text)
      || !gf_cli_take_option (args, "--title", &title)
      || !gf_cli_take_option (args, "--source", &source)
      || !gf_cli_take_option (args, "--position", &position_text)
      || !gf_cli_take_option (args, "--year", &year_text)
      || args->len != 2 || (chart != NULL) + map + leaderboard != 1)
    return gf_cli_usage ();

  if (!gf_cli_parse_number (position_text, "--position", 1, 1000, &position))
    return GF_CLI_EXIT_USAGE;

  name = g_ptr_array_index (args, 1);
  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_WRITE);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;

  if (year_text != NULL && !leaderboard)
    return gf_cli_fail (GF_CLI_EXIT_USAGE,
                        _("gongfu-atlas-cli: --year is for --leaderboard; charts take --years "
                          "and maps --color-by INDICATOR:YEAR\n"));

  if (leaderboard)
    {
      int year = 0;

      if (!gf_cli_parse_year (year_text, &year))
        return GF_CLI_EXIT_USAGE;
      if (indicator != NULL || clusters_text != NULL || villages_text != NULL
          || classify_text != NULL || classes_text != NULL || years_text != NULL || fit != NULL
          || color_by != NULL || layers_text != NULL)
        return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                            _("gongfu-atlas-cli: a ranking slide shows the clusters of the "
                              "current layout on the competition’s rules; it takes only "
                              "--year, --title, --source and --position\n"));
      slide = gf_slide_new_leaderboard (year, title);
    }
  else if (chart != NULL)
    {
      GfChartRequest request = { 0 };
      GfChartKind kind;
      int first_year = 0, last_year = 0;
      int status;

      if (!parse_chart_kind (chart, &kind)
          || (years_text != NULL && !gf_cli_parse_years (years_text, &first_year, &last_year)))
        return GF_CLI_EXIT_USAGE;
      if (indicator == NULL)
        return gf_cli_usage ();
      if (classify_text != NULL || classes_text != NULL)
        return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                            _("gongfu-atlas-cli: --classify and --classes are for map "
                              "slides\n"));

      request.kind = kind;
      request.first_year = first_year;
      request.last_year = last_year;
      status = parse_chart_request (db, indicator, clusters_text, villages_text, &request,
                                    &codes, &cluster_ids);
      if (status != 0)
        return status;
      slide = gf_slide_new_chart (&request, title);
    }
  else
    {
      g_autofree char *code = NULL;
      guint layers = GF_MAP_LAYER_ALL;
      GfMapClassifyMethod classify = GF_MAP_CLASSIFY_QUANTILE;
      gint64 n_classes = 0;
      gint64 cluster_id = 0;
      int year = 0;

      if (!gf_cli_parse_layers (layers_text, &layers)
          || !gf_cli_parse_color_by (color_by, &code, &year)
          || !gf_cli_parse_number (classes_text, "--classes", 2, GF_MAP_MAX_CLASSES, &n_classes))
        return GF_CLI_EXIT_USAGE;
      if (indicator != NULL || clusters_text != NULL || villages_text != NULL)
        return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                            _("gongfu-atlas-cli: a map slide takes its indicator from "
                              "--color-by INDICATOR:YEAR, and shows the clusters or one of "
                              "them with --fit\n"));
      if (classify_text != NULL && !g_str_equal (classify_text, "quantile")
          && !g_str_equal (classify_text, "equal") && !g_str_equal (classify_text, "thresholds"))
        return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                            _("gongfu-atlas-cli: --classify takes quantile, equal or "
                              "thresholds, not “%s”\n"), classify_text);
      if (g_strcmp0 (classify_text, "equal") == 0)
        classify = GF_MAP_CLASSIFY_EQUAL_INTERVAL;
      else if (g_strcmp0 (classify_text, "thresholds") == 0)
        classify = GF_MAP_CLASSIFY_THRESHOLDS;
      if ((classify_text != NULL || classes_text != NULL) && code == NULL)
        return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                            _("gongfu-atlas-cli: --classify and --classes class the values of "
                              "--color-by INDICATOR:YEAR, and this map is coloured by "
                              "cluster\n"));
      if (classes_text != NULL && classify == GF_MAP_CLASSIFY_THRESHOLDS)
        return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                            _("gongfu-atlas-cli: thresholds take their classes from the "
                              "indicator’s benchmark: leave out --classes\n"));
      if (fit != NULL && !g_str_equal (fit, "district") && !g_str_has_prefix (fit, "cluster:"))
        return gf_cli_fail (GF_CLI_EXIT_USAGE,
                            _("gongfu-atlas-cli: --fit takes district or cluster:NAME, not "
                              "“%s”\n"), fit);
      if (fit != NULL && g_str_has_prefix (fit, "cluster:"))
        {
          const char *names[] = { fit + strlen ("cluster:"), NULL };

          cluster_ids = gf_chart_clusters_from_names (db, names, &error);
          if (cluster_ids == NULL)
            return gf_cli_fail_error (error);
          cluster_id = g_array_index (cluster_ids, gint64, 0);
        }
      slide = gf_slide_new_map (cluster_id != 0 ? GF_SLIDE_FIT_CLUSTER : GF_SLIDE_FIT_DISTRICT,
                                cluster_id, code, year, layers, classify, (guint) n_classes,
                                title);
    }

  /* A briefing that does not exist yet is created, so a script can build one slide by slide. */
  briefing = gf_store_find_briefing (db, name, &error);
  if (briefing == NULL && g_error_matches (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      if (!gf_store_create_briefing (db, name, source, &briefing_id, &error))
        return gf_cli_fail_error (error);
    }
  else if (briefing == NULL)
    return gf_cli_fail_error (error);
  else
    {
      briefing_id = briefing->id;
      if (source != NULL && !gf_store_set_briefing_source (db, briefing_id, source, &error))
        return gf_cli_fail_error (error);
    }

  if (!gf_store_add_slide (db, briefing_id, slide, position > 0 ? (int) position - 1 : -1, NULL,
                           &error))
    return gf_cli_fail_error (error);

  return 0;
}

/* gf-charts-page.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts view: a dashboard of cards that answer the district report's questions per
 * cluster (组团), or for up to 12 chosen villages: collective operating income and farmers'
 * income over the years, their growth, land, jobs, markets and finance in the window's year,
 * and the ranking and shares. A card opens large with its source line, as it will be exported.
 *
 * Every card is a GfChartRequest built by gf_chart_spec_build(), as the CLI and the briefing
 * slides are: the same request draws the same chart everywhere, and is the slide that "Add to
 * Briefing…" adds. A request that cannot be drawn shows its reason in the card.
 *
 * The numbers are computed in an idle after the year, the data, the subjects or the range
 * change, never while a chart is drawn; the cards receive finished specs. Indicator names
 * follow the language of the interface, units come from the catalogue.
 */

#define G_LOG_DOMAIN "gf-charts-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gf-accessible.h"
#include "gf-aggregate.h"
#include "gf-application.h"
#include "gf-chart-card.h"
#include "gf-chart-export.h"
#include "gf-charts-page.h"
#include "gf-village-picker.h"
#include "gf-window.h"

typedef enum
{
  CARD_TREND,
  CARD_RANKING,
  CARD_SHARES,
  CARD_INCOME,
  CARD_GROWTH,
  CARD_LAND,
  CARD_JOBS,
  CARD_MARKETS,
  CARD_FINANCE,
  N_CARDS
} CardId;

#define OPERATING_INCOME "coll_operating_income"
#define PER_CAPITA_INCOME "income_per_capita_disposable"
#define RANKING_TOP_N 10

static const char * const land_codes[] = {
  "land_transferred", "high_standard_farmland", "idle_land_revived", "shared_garden_adopted",
};
static const char * const jobs_codes[] = { "common_prosperity_jobs" };
/* Jobs are counted, sales and tourism are money: one axis cannot carry both units, so jobs
 * have a card of their own. */
static const char * const market_codes[] = { "ecommerce_sales", "tourism_income" };
static const char * const finance_codes[] = { "loans_issued", "grants_given", "interest_saved" };
static const char * const ranking_codes[] = { OPERATING_INCOME };

typedef struct
{
  gint64  id;
  char   *name;
} Cluster;

struct _GfChartsPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkWidget     *content;
  GtkWidget     *toolbar;
  AdwStatusPage *status_page;
  GtkStack      *stack;
  GtkWidget     *back_button;
  GtkToggleButton *clusters_toggle;
  GtkToggleButton *villages_toggle;
  GtkButton       *choose_villages_button;
  GtkMenuButton *villages_button;
  GfVillagePicker *village_picker;
  GtkMenuButton *clusters_button;
  GtkBox        *clusters_box;
  GtkWidget     *years_label;
  GtkDropDown   *first_year_dropdown;
  GtkDropDown   *last_year_dropdown;
  GtkStringList *first_years;
  GtkStringList *last_years;
  GtkLabel      *year_label;
  GtkFlowBox    *flow_box;
  GfChartCard   *cards[N_CARDS];
  GfChartCard   *large_card;

  /* Owned */
  GSettings     *settings;
  GfDatabase    *database;
  GArray        *clusters;          /* Cluster */
  GHashTable    *hidden_clusters;   /* ids (gint64 *) the user unticked */
  GPtrArray     *indicator_codes;   /* the catalogue, in display order */
  GtkStringList *indicator_names;   /* their names in the interface language */
  char          *trend_code;
  char          *income_code;
  char          *district_name;

  /* Borrowed */
  GtkDropDown   *trend_dropdown;    /* in the trend card's header */
  GtkDropDown   *income_dropdown;   /* in the income card's header */
  GfChartCard   *enlarged;          /* the card shown large */

  gulong         changed_handler;
  guint          reload_id;
  int            year;              /* of the single-year charts; 0 without data */
  int            first_year;        /* with data in the database */
  int            last_year;
  int            range_first;       /* chosen for the trend charts */
  int            range_last;
  GfChartSubject subject;           /* what the cards compare */
  gint64         n_villages;        /* of the summary, to reload the picker when it changes */
  guint          dirty : 1;
  guint          villages_dirty : 1;
  guint          updating : 1;
};

G_DEFINE_FINAL_TYPE (GfChartsPage, gf_charts_page, GTK_TYPE_WIDGET)

/* What every card of one reload shares. */
typedef struct
{
  GfChartsPage  *page;
  GfAggregator  *aggregator;
  GArray        *ids;          /* the clusters or villages compared, gint64; none for all
                                * the clusters */
  const char    *empty_message; /* why nothing is compared, or NULL */
  char          *source;
  gboolean       high_contrast;
} Reload;

static void queue_reload (GfChartsPage *self);
static void show_charts (GfChartsPage *self);

static void
cluster_clear (Cluster *cluster)
{
  g_clear_pointer (&cluster->name, g_free);
}

/* The interface speaks Chinese when gettext would pick a Chinese catalogue. */
static gboolean
interface_is_chinese (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

static const char *
indicator_name (const GfIndicator *indicator)
{
  if (interface_is_chinese () && indicator->name_zh != NULL && *indicator->name_zh != '\0')
    return indicator->name_zh;
  if (indicator->name_en != NULL && *indicator->name_en != '\0')
    return indicator->name_en;

  return indicator->code;
}

/* An indicator inside an English title: "Clusters ranked by collective operating income". Only
 * a leading capital followed by a small letter is lowered, so that "GDP" stays. */
static char *
indicator_name_in_title (const GfIndicator *indicator,
                         const char        *code)
{
  const char *language = g_get_language_names ()[0];
  const char *name = indicator != NULL ? indicator_name (indicator) : code;
  char *copy = g_strdup (name);

  if ((g_str_has_prefix (language, "en") || g_str_has_prefix (language, "C")
       || g_str_equal (language, "POSIX"))
      && g_ascii_isupper (copy[0]) && g_ascii_islower (copy[1]))
    copy[0] = g_ascii_tolower (copy[0]);

  return copy;
}

static GfChartCard *
card (GfChartsPage *self,
      CardId        id)
{
  return self->cards[id];
}

static gboolean
want_high_contrast (GfChartsPage *self)
{
  return adw_style_manager_get_high_contrast (adw_style_manager_get_default ())
         || g_settings_get_boolean (self->settings, "high-contrast-charts");
}

static void
update_high_contrast (GfChartsPage *self)
{
  gboolean high_contrast = want_high_contrast (self);

  for (guint i = 0; i < N_CARDS; i++)
    gf_chart_view_set_high_contrast (gf_chart_card_get_view (self->cards[i]), high_contrast);
  gf_chart_view_set_high_contrast (gf_chart_card_get_view (self->large_card), high_contrast);
}

/* The dashboard's cells are focusable: they carry their chart's title. */
static void
name_flow_box_children (GfChartsPage *self)
{
  for (guint i = 0; i < N_CARDS; i++)
    {
      GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->cards[i]));
      const GfChartSpec *spec = gf_chart_card_get_spec (self->cards[i]);

      if (GTK_IS_FLOW_BOX_CHILD (parent) && spec != NULL && spec->title != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (parent),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, spec->title,
                                        -1);
    }
}

static void
show_empty (GfChartsPage *self,
            const char   *title,
            const char   *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  /* Nothing to choose from without charts. */
  gtk_widget_set_visible (self->toolbar, FALSE);
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "charts.back", FALSE);
  self->enlarged = NULL;
}

/* The picker reads the villages when first needed, and again when their number changed. */
static void
ensure_villages (GfChartsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->villages_dirty)
    return;

  self->villages_dirty = FALSE;
  if (!gf_village_picker_load (self->village_picker, self->database, &error))
    g_warning ("Could not list the villages: %s", error->message);
}

static void
update_subject_widgets (GfChartsPage *self)
{
  gboolean villages = self->subject == GF_CHART_SUBJECT_VILLAGES;

  self->updating = TRUE;
  gtk_toggle_button_set_active (villages ? self->villages_toggle : self->clusters_toggle, TRUE);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->villages_button), villages);
  gtk_widget_set_visible (GTK_WIDGET (self->clusters_button), !villages);
}

static void
update_villages_label (GfChartsPage *self)
{
  g_autofree char *label = NULL;
  guint n = 0;

  gf_village_picker_get_chosen (self->village_picker, &n);
  if (n == 0)
    label = g_strdup (_("Choose Villages"));
  else
    /* Translators: the villages compared in the charts, e.g. "3 Villages" */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Village", "%u Villages", n), n);

  gtk_menu_button_set_label (self->villages_button, label);
}

static void
set_subject (GfChartsPage   *self,
             GfChartSubject  subject)
{
  if (subject == GF_CHART_SUBJECT_VILLAGES)
    ensure_villages (self);

  if (self->subject != subject)
    {
      self->subject = subject;
      queue_reload (self);
    }

  update_subject_widgets (self);
  if (gtk_stack_get_visible_child_name (self->stack) != NULL
      && !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "empty"))
    show_charts (self);
}

static gboolean
no_village_chosen (GfChartsPage *self)
{
  guint n = 0;

  if (self->subject != GF_CHART_SUBJECT_VILLAGES)
    return FALSE;

  gf_village_picker_get_chosen (self->village_picker, &n);

  return n == 0;
}

static void
show_charts (GfChartsPage *self)
{
  const char *page = self->enlarged != NULL ? "single" : "grid";

  /* Village mode without a village: say what to do, with the button that does it. */
  if (no_village_chosen (self))
    {
      self->enlarged = NULL;
      page = "no-villages";
    }

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->toolbar, TRUE);
  gtk_widget_set_visible (self->back_button, self->enlarged != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "charts.back", self->enlarged != NULL);
}

static char *
file_stem (const char *title,
           int         first,
           int         last)
{
  if (first == last)
    return g_strdup_printf ("%s %d", title, first);

  return g_strdup_printf ("%s %d-%d", title, first, last);
}

/* The core names the series of several indicators, and the single series of a ranking or
 * donut, by their Chinese names: the dashboard speaks the language of the interface. */
static void
name_series (Reload             *reload,
             const GfChartSpec  *built,
             GfChartSeries      *series,
             const char * const *codes,
             guint               n_codes)
{
  for (guint s = 0; s < built->n_series; s++)
    {
      series[s] = built->series[s];
      for (guint i = 0; i < n_codes; i++)
        {
          const GfIndicator *indicator = gf_aggregator_get_indicator (reload->aggregator,
                                                                      codes[i]);

          if (indicator != NULL && g_strcmp0 (series[s].name, indicator->name_zh) == 0)
            {
              series[s].name = indicator_name (indicator);
              break;
            }
        }
    }
}

/* Builds a card's chart from its request, through the same gf_chart_spec_build() as the CLI
 * and the slides, and the slide that "Add to Briefing…" adds. A request that fails shows its
 * reason in the card instead of the chart, and offers no slide. */
static void
set_card (Reload              *reload,
          CardId               id,
          GfChartKind          kind,
          const char * const  *codes,
          guint                n_codes,
          int                  first_year,
          int                  last_year,
          const char          *title)
{
  GfChartsPage *self = reload->page;
  GfChartRequest request = { 0 };
  g_autoptr(GfChartSpec) built = NULL;
  g_autoptr(GfSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GfChartSeries *series = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *failed_years = NULL;
  static const char * const no_categories[] = { NULL };
  const char *header;
  int first_shown = first_year, last_shown = last_year;
  GfChartSpec spec;

  request.kind = kind;
  request.indicators = codes;
  request.n_indicators = n_codes;
  request.subject = self->subject;
  request.subject_ids = reload->ids->len > 0 ? (const gint64 *) (gpointer) reload->ids->data
                                             : NULL;
  request.n_subjects = reload->ids->len;
  request.first_year = first_year;
  request.last_year = last_year;

  if (reload->empty_message != NULL)
    g_set_error_literal (&error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                         reload->empty_message);
  else
    built = gf_chart_spec_build (reload->aggregator, &request, &first_shown, &last_shown,
                                 &error);

  if (built != NULL)
    {
      spec = *built;
      series = g_new0 (GfChartSeries, MAX (built->n_series, 1));
      name_series (reload, built, series, codes, n_codes);
      spec.series = series;
      if (kind == GF_CHART_KIND_RANKED_BAR && spec.top_n == 0)
        spec.top_n = RANKING_TOP_N;
      slide = gf_slide_new_chart (&request, title);
    }
  else
    {
      g_debug ("Card %d: %s", id, error->message);
      memset (&spec, 0, sizeof spec);
      spec.kind = kind;
      spec.categories = no_categories;
      /* The reason, in the card, rather than an empty or misleading chart. */
      spec.no_data_message = error->message;
      failed_years = gf_chart_format_years (first_year, last_year);
      spec.subtitle = failed_years;
    }

  spec.title = title;
  spec.source = reload->source;
  spec.width = GF_CHART_EXPORT_WIDTH;
  spec.height = GF_CHART_EXPORT_HEIGHT;
  spec.font_scale = 1;
  spec.high_contrast = reload->high_contrast;

  if (!gf_chart_kind_is_single_year (kind) && n_codes == 1)
    header = _("Year");
  else if (self->subject == GF_CHART_SUBJECT_VILLAGES)
    header = _("Village");
  else
    header = _("Cluster");

  stem = file_stem (title, first_shown, last_shown);
  gf_chart_card_set_chart (card (self, id), &spec, header, stem);
  gf_chart_card_set_slide (card (self, id), slide);
}

static char *
indicator_title (Reload     *reload,
                 const char *format,
                 const char *code)
{
  const GfIndicator *indicator = gf_aggregator_get_indicator (reload->aggregator, code);
  g_autofree char *name = indicator_name_in_title (indicator, code);

  if (format == NULL)
    return g_strdup (indicator != NULL ? indicator_name (indicator) : code);

  return g_strdup_printf (format, name);
}

/* The subjects compared, or why there are none. */
static void
collect_subjects (GfChartsPage *self,
                  Reload       *reload)
{
  if (self->subject == GF_CHART_SUBJECT_VILLAGES)
    {
      guint n = 0;
      const gint64 *ids = gf_village_picker_get_chosen (self->village_picker, &n);

      g_array_append_vals (reload->ids, ids, n);
      if (n == 0)
        reload->empty_message = _("Choose at least one village to compare");
      return;
    }

  /* Every cluster: no list, so that a slide follows the district's clusters. */
  if (g_hash_table_size (self->hidden_clusters) == 0)
    return;

  for (guint c = 0; c < self->clusters->len; c++)
    {
      Cluster *cluster = &g_array_index (self->clusters, Cluster, c);

      if (!g_hash_table_contains (self->hidden_clusters, &cluster->id))
        g_array_append_val (reload->ids, cluster->id);
    }
  if (reload->ids->len == 0)
    reload->empty_message = _("Choose at least one cluster to compare");
}

static void
reload (GfChartsPage *self)
{
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *source = NULL;
  g_autofree char *title = NULL;
  gboolean villages = self->subject == GF_CHART_SUBJECT_VILLAGES;
  Reload context = { 0 };
  int growth_first;
  gint64 start = g_get_monotonic_time ();

  self->dirty = FALSE;

  if (self->database == NULL || self->year <= 0 || self->clusters->len == 0)
    return;

  aggregator = gf_aggregator_new (self->database, 0, &error);
  if (aggregator == NULL)
    {
      g_warning ("Could not read the indicator values: %s", error->message);
      show_empty (self, _("Could Not Read the Indicator Values"), error->message);
      return;
    }

  if (self->district_name != NULL && *self->district_name != '\0')
    /* Translators: the source line under a chart; %s is the district, e.g. "示例区" */
    source = g_strdup_printf (_("Source: %s database"), self->district_name);
  else
    source = g_strdup (_("Source: the district database"));

  context.page = self;
  context.aggregator = aggregator;
  context.ids = ids;
  context.source = source;
  context.high_contrast = want_high_contrast (self);
  collect_subjects (self, &context);

  title = indicator_title (&context, NULL, self->trend_code);
  set_card (&context, CARD_TREND, GF_CHART_KIND_LINE, (const char * const *) &self->trend_code,
            1, self->range_first, self->range_last, title);
  g_clear_pointer (&title, g_free);

  title = indicator_title (&context, NULL, self->income_code);
  set_card (&context, CARD_INCOME, GF_CHART_KIND_LINE, (const char * const *) &self->income_code,
            1, self->range_first, self->range_last, title);
  g_clear_pointer (&title, g_free);

  /* The first year of the data has nothing to grow from. */
  growth_first = MAX (self->range_first, self->first_year + 1);
  if (growth_first > self->range_last)
    growth_first = self->range_first;
  /* Translators: a chart title; %s is an indicator, e.g. "rural per-capita disposable income" */
  title = indicator_title (&context, _("Year-on-year growth of %s"), self->income_code);
  set_card (&context, CARD_GROWTH, GF_CHART_KIND_GROWTH_BAR,
            (const char * const *) &self->income_code, 1, growth_first, self->range_last, title);
  g_clear_pointer (&title, g_free);

  set_card (&context, CARD_LAND, GF_CHART_KIND_STACKED_BAR, land_codes, G_N_ELEMENTS (land_codes),
            self->year, self->year,
            villages ? _("Land use by village") : _("Land use by cluster"));

  /* One indicator in one year across the subjects: a ranking. */
  title = indicator_title (&context, NULL, jobs_codes[0]);
  set_card (&context, CARD_JOBS, GF_CHART_KIND_RANKED_BAR, jobs_codes, G_N_ELEMENTS (jobs_codes),
            self->year, self->year, title);
  g_clear_pointer (&title, g_free);

  set_card (&context, CARD_MARKETS, GF_CHART_KIND_GROUPED_BAR, market_codes,
            G_N_ELEMENTS (market_codes), self->year, self->year,
            _("E-commerce sales and tourism income"));
  set_card (&context, CARD_FINANCE, GF_CHART_KIND_GROUPED_BAR, finance_codes,
            G_N_ELEMENTS (finance_codes), self->year, self->year,
            _("Common-prosperity finance"));

  title = indicator_title (&context,
                           villages
                           /* Translators: a chart title; %s is an indicator, e.g. "Collective operating income" */
                           ? _("Villages ranked by %s")
                           /* Translators: a chart title; %s is an indicator, e.g. "Collective operating income" */
                           : _("Clusters ranked by %s"),
                           OPERATING_INCOME);
  set_card (&context, CARD_RANKING, GF_CHART_KIND_RANKED_BAR, ranking_codes, 1,
            self->year, self->year, title);
  g_clear_pointer (&title, g_free);

  title = indicator_title (&context,
                           villages
                           /* Translators: a chart title; %s is an indicator, e.g. "Collective operating income" */
                           ? _("Shares of %s by village")
                           /* Translators: a chart title; %s is an indicator, e.g. "Collective operating income" */
                           : _("Shares of %s by cluster"),
                           OPERATING_INCOME);
  set_card (&context, CARD_SHARES, GF_CHART_KIND_DONUT, ranking_codes, 1,
            self->year, self->year, title);

  if (self->enlarged != NULL)
    gf_chart_card_copy_chart (self->large_card, self->enlarged);

  update_high_contrast (self);
  name_flow_box_children (self);
  show_charts (self);

  g_debug ("Charts computed in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  GfChartsPage *self = user_data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* Recomputes the charts in an idle, at once if the page is seen, else when it is mapped. */
static void
queue_reload (GfChartsPage *self)
{
  self->dirty = TRUE;

  if (self->reload_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

static void
update_clusters_label (GfChartsPage *self)
{
  guint n_total = self->clusters->len;
  guint n_hidden = g_hash_table_size (self->hidden_clusters);
  g_autofree char *label = NULL;

  if (n_hidden == 0)
    label = g_strdup (_("All Clusters"));
  else if (n_hidden >= n_total)
    label = g_strdup (_("No Clusters"));
  else
    /* Translators: the clusters compared in the charts, e.g. "3 of 6 Clusters" */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u Cluster",
                                          "%u of %u Clusters", n_total),
                             n_total - n_hidden, n_total);

  gtk_menu_button_set_label (self->clusters_button, label);
}

/* Callbacks */

static void
database_changed_cb (GfChartsPage *self,
                     const char   *table,
                     GfDatabase   *database)
{
  /* Briefings change no figure of the charts. */
  if (g_strcmp0 (table, "briefing") == 0)
    return;

  if (table == NULL || g_str_equal (table, "village") || g_str_equal (table, "town"))
    {
      self->villages_dirty = TRUE;
      if (self->subject == GF_CHART_SUBJECT_VILLAGES)
        ensure_villages (self);
    }
  queue_reload (self);
}

static void
cluster_toggled_cb (GfChartsPage   *self,
                    GtkCheckButton *check)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "gf-cluster"));
  Cluster *cluster;

  if (self->updating || index >= self->clusters->len)
    return;

  cluster = &g_array_index (self->clusters, Cluster, index);
  if (gtk_check_button_get_active (check))
    g_hash_table_remove (self->hidden_clusters, &cluster->id);
  else
    g_hash_table_add (self->hidden_clusters, g_memdup2 (&cluster->id, sizeof (gint64)));

  update_clusters_label (self);
  queue_reload (self);
}

static void
subject_toggled_cb (GfChartsPage    *self,
                    GtkToggleButton *toggle)
{
  if (self->updating || !gtk_toggle_button_get_active (toggle))
    return;

  set_subject (self, toggle == self->villages_toggle ? GF_CHART_SUBJECT_VILLAGES
                                                     : GF_CHART_SUBJECT_CLUSTERS);
}

static void
villages_changed_cb (GfChartsPage    *self,
                     GfVillagePicker *picker)
{
  update_villages_label (self);
  if (self->subject == GF_CHART_SUBJECT_VILLAGES)
    {
      queue_reload (self);
      if (gtk_stack_get_visible_child_name (self->stack) != NULL
          && !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "empty"))
        show_charts (self);
    }
}

static void
year_dropdown_notify_selected_cb (GfChartsPage *self,
                                  GParamSpec   *pspec,
                                  GtkDropDown  *dropdown)
{
  guint first, last;

  if (self->updating || self->first_year <= 0)
    return;

  first = gtk_drop_down_get_selected (self->first_year_dropdown);
  last = gtk_drop_down_get_selected (self->last_year_dropdown);
  if (first == GTK_INVALID_LIST_POSITION || last == GTK_INVALID_LIST_POSITION)
    return;

  /* A range that ends before it begins follows the year just chosen. */
  if (first > last)
    {
      self->updating = TRUE;
      if (dropdown == self->first_year_dropdown)
        gtk_drop_down_set_selected (self->last_year_dropdown, last = first);
      else
        gtk_drop_down_set_selected (self->first_year_dropdown, first = last);
      self->updating = FALSE;
    }

  self->range_first = self->first_year + (int) first;
  self->range_last = self->first_year + (int) last;
  queue_reload (self);
}

static void
indicator_dropdown_notify_selected_cb (GfChartsPage *self,
                                       GParamSpec   *pspec,
                                       GtkDropDown  *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  char **code = dropdown == self->trend_dropdown ? &self->trend_code : &self->income_code;

  if (self->updating || selected >= self->indicator_codes->len)
    return;

  g_free (*code);
  *code = g_strdup (g_ptr_array_index (self->indicator_codes, selected));
  queue_reload (self);
}

static void
card_enlarge_cb (GfChartsPage *self,
                 GfChartCard  *source)
{
  if (source == self->large_card)
    return;

  self->enlarged = source;
  gf_chart_card_copy_chart (self->large_card, source);
  gf_chart_card_set_show_table (self->large_card, gf_chart_card_get_show_table (source));
  show_charts (self);
  gtk_widget_grab_focus (GTK_WIDGET (gf_chart_card_get_view (self->large_card)));
}

static void
flow_box_child_activated_cb (GfChartsPage     *self,
                             GtkFlowBoxChild  *child,
                             GtkFlowBox       *flow_box)
{
  GtkWidget *widget = gtk_flow_box_child_get_child (child);

  if (GF_IS_CHART_CARD (widget))
    card_enlarge_cb (self, GF_CHART_CARD (widget));
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_add_css_class (label, "heading");
    }
  gtk_list_item_set_child (item, label);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (string));
}

/* Actions */

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GfChartsPage *self = GF_CHARTS_PAGE (widget);
  GfChartCard *source = self->enlarged;

  if (source == NULL)
    return;

  self->enlarged = NULL;
  show_charts (self);

  /* Back where the user was. */
  if (gtk_widget_get_parent (GTK_WIDGET (source)) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (source)));
}

static void
choose_villages_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GfChartsPage *self = GF_CHARTS_PAGE (widget);

  set_subject (self, GF_CHART_SUBJECT_VILLAGES);
  gtk_menu_button_popup (self->villages_button);
}

static void
select_all_clusters_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GfChartsPage *self = GF_CHARTS_PAGE (widget);

  g_hash_table_remove_all (self->hidden_clusters);

  self->updating = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->clusters_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (child), TRUE);
  self->updating = FALSE;

  update_clusters_label (self);
  queue_reload (self);
}

/* Updates from a summary */

static GtkDropDown *
indicator_dropdown_new (GfChartsPage *self,
                        const char   *accessible_label)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression;
  GtkDropDown *dropdown;

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->indicator_names)),
                                               expression));
  gtk_drop_down_set_enable_search (dropdown, TRUE);

  /* The button shows the chart's title, shortened in a narrow card; the list shows it whole. */
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (label_setup_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (label_bind_cb), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);

  gtk_widget_set_halign (GTK_WIDGET (dropdown), GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), _("Indicator shown in this chart"));
  gtk_widget_add_css_class (GTK_WIDGET (dropdown), "gf-chart-indicator");
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gf_accessible_label_drop_down (dropdown);
  g_signal_connect_object (dropdown, "notify::selected",
                           G_CALLBACK (indicator_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);

  return dropdown;
}

static void
select_indicator (GfChartsPage *self,
                  GtkDropDown  *dropdown,
                  const char   *code)
{
  for (guint i = 0; i < self->indicator_codes->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->indicator_codes, i), code) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
}

static void
update_indicators (GfChartsPage    *self,
                   const GfSummary *summary)
{
  GPtrArray *indicators = summary->indicators;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean same = indicators != NULL && indicators->len == self->indicator_codes->len;

  for (guint i = 0; same && i < indicators->len; i++)
    {
      const GfIndicator *indicator = g_ptr_array_index (indicators, i);

      same = g_strcmp0 (indicator->code, g_ptr_array_index (self->indicator_codes, i)) == 0;
    }
  if (same)
    return;

  g_ptr_array_set_size (self->indicator_codes, 0);
  for (guint i = 0; indicators != NULL && i < indicators->len; i++)
    {
      const GfIndicator *indicator = g_ptr_array_index (indicators, i);

      g_ptr_array_add (self->indicator_codes, g_strdup (indicator->code));
      g_ptr_array_add (names, (gpointer) indicator_name (indicator));
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->indicator_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->indicator_names)),
                          (const char * const *) names->pdata);
  select_indicator (self, self->trend_dropdown, self->trend_code);
  select_indicator (self, self->income_dropdown, self->income_code);
  self->updating = FALSE;
}

static void
update_clusters (GfChartsPage    *self,
                 const GfSummary *summary)
{
  GPtrArray *clusters = summary->clusters;
  gboolean same = clusters != NULL && clusters->len == self->clusters->len;
  GtkWidget *child;

  for (guint c = 0; same && c < clusters->len; c++)
    {
      const GfClusterSummary *cluster = g_ptr_array_index (clusters, c);
      const Cluster *known = &g_array_index (self->clusters, Cluster, c);

      same = cluster->id == known->id && g_strcmp0 (cluster->name, known->name) == 0;
    }
  if (same)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->clusters_box))) != NULL)
    gtk_box_remove (self->clusters_box, child);
  g_array_set_size (self->clusters, 0);

  for (guint c = 0; clusters != NULL && c < clusters->len; c++)
    {
      const GfClusterSummary *summary_cluster = g_ptr_array_index (clusters, c);
      Cluster cluster = { summary_cluster->id, g_strdup (summary_cluster->name) };
      GtkWidget *check = gtk_check_button_new_with_label (cluster.name);

      g_array_append_val (self->clusters, cluster);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !g_hash_table_contains (self->hidden_clusters, &cluster.id));
      g_object_set_data (G_OBJECT (check), "gf-cluster", GUINT_TO_POINTER (c));
      g_signal_connect_object (check, "toggled", G_CALLBACK (cluster_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->clusters_box, check);
    }

  /* Forget unticked clusters that are gone. */
  {
    g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

    for (guint c = 0; c < self->clusters->len; c++)
      {
        Cluster *cluster = &g_array_index (self->clusters, Cluster, c);

        if (g_hash_table_contains (self->hidden_clusters, &cluster->id))
          g_hash_table_add (kept, g_memdup2 (&cluster->id, sizeof (gint64)));
      }
    g_hash_table_unref (self->hidden_clusters);
    self->hidden_clusters = g_steal_pointer (&kept);
  }

  update_clusters_label (self);
}

static void
fill_years (GtkStringList *list,
            int            first,
            int            last)
{
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);

  for (int y = first; first > 0 && y <= last; y++)
    g_ptr_array_add (years, g_strdup_printf ("%d", y));
  g_ptr_array_add (years, NULL);

  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) years->pdata);
}

static void
update_years (GfChartsPage    *self,
              const GfSummary *summary)
{
  g_autofree char *year_text = NULL;
  gboolean has_years = summary->first_year > 0;

  if (summary->first_year != self->first_year || summary->last_year != self->last_year)
    {
      self->first_year = summary->first_year;
      self->last_year = summary->last_year;

      /* A range chosen before stays while the database still covers it; else all years. */
      if (self->range_first < self->first_year || self->range_first > self->last_year)
        self->range_first = self->first_year;
      if (self->range_last < self->range_first || self->range_last > self->last_year)
        self->range_last = self->last_year;

      self->updating = TRUE;
      fill_years (self->first_years, self->first_year, self->last_year);
      fill_years (self->last_years, self->first_year, self->last_year);
      if (has_years)
        {
          gtk_drop_down_set_selected (self->first_year_dropdown,
                                      (guint) (self->range_first - self->first_year));
          gtk_drop_down_set_selected (self->last_year_dropdown,
                                      (guint) (self->range_last - self->first_year));
        }
      self->updating = FALSE;
    }

  self->year = summary->year;

  if (self->year > 0)
    /* Translators: in the toolbar of the charts; %d is the year chosen in the window */
    year_text = g_strdup_printf (_("Bar and share charts: %d"), self->year);
  gtk_label_set_label (self->year_label, year_text != NULL ? year_text : "");

  gtk_widget_set_visible (self->years_label, has_years);
  gtk_widget_set_visible (GTK_WIDGET (self->first_year_dropdown), has_years);
  gtk_widget_set_visible (GTK_WIDGET (self->last_year_dropdown), has_years);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (GTK_WIDGET (self->first_year_dropdown)),
                          has_years);
}

static void
set_database (GfChartsPage *self,
              GfDatabase   *database)
{
  if (self->database == database)
    return;

  g_clear_signal_handler (&self->changed_handler, self->database);
  g_set_object (&self->database, database);
  /* Ids are the database's own: another database's villages are not the ones chosen. */
  gf_village_picker_clear (self->village_picker);
  self->villages_dirty = TRUE;
  if (self->subject == GF_CHART_SUBJECT_VILLAGES)
    ensure_villages (self);
  if (database != NULL)
    self->changed_handler = g_signal_connect_object (database, "changed",
                                                     G_CALLBACK (database_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
}

/* GtkWidget */

static void
gf_charts_page_map (GtkWidget *widget)
{
  GfChartsPage *self = GF_CHARTS_PAGE (widget);

  GTK_WIDGET_CLASS (gf_charts_page_parent_class)->map (widget);

  if (self->dirty)
    queue_reload (self);
}

/* GObject */

static void
gf_charts_page_dispose (GObject *object)
{
  GfChartsPage *self = GF_CHARTS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->database);
  g_clear_object (&self->database);
  self->enlarged = NULL;
  self->trend_dropdown = NULL;
  self->income_dropdown = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_CHARTS_PAGE);

  G_OBJECT_CLASS (gf_charts_page_parent_class)->dispose (object);
}

static void
gf_charts_page_finalize (GObject *object)
{
  GfChartsPage *self = GF_CHARTS_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->indicator_names);
  g_clear_pointer (&self->indicator_codes, g_ptr_array_unref);
  g_clear_pointer (&self->clusters, g_array_unref);
  g_clear_pointer (&self->hidden_clusters, g_hash_table_unref);
  g_clear_pointer (&self->trend_code, g_free);
  g_clear_pointer (&self->income_code, g_free);
  g_clear_pointer (&self->district_name, g_free);

  G_OBJECT_CLASS (gf_charts_page_parent_class)->finalize (object);
}

static void
bind_card (GtkWidgetClass *widget_class,
           const char     *name,
           CardId          id)
{
  gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                             G_STRUCT_OFFSET (GfChartsPage, cards)
                                             + (gssize) id * (gssize) sizeof (gpointer));
}

static void
gf_charts_page_class_init (GfChartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_charts_page_dispose;
  object_class->finalize = gf_charts_page_finalize;
  widget_class->map = gf_charts_page_map;

  g_type_ensure (GF_TYPE_CHART_CARD);
  g_type_ensure (GF_TYPE_VILLAGE_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-charts-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-charts-page");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, content);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, clusters_toggle);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, villages_toggle);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, choose_villages_button);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, villages_button);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, village_picker);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, clusters_button);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, clusters_box);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, years_label);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, first_year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, last_year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, first_years);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, last_years);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, flow_box);
  gtk_widget_class_bind_template_child (widget_class, GfChartsPage, large_card);
  bind_card (widget_class, "trend_card", CARD_TREND);
  bind_card (widget_class, "ranking_card", CARD_RANKING);
  bind_card (widget_class, "shares_card", CARD_SHARES);
  bind_card (widget_class, "income_card", CARD_INCOME);
  bind_card (widget_class, "growth_card", CARD_GROWTH);
  bind_card (widget_class, "land_card", CARD_LAND);
  bind_card (widget_class, "jobs_card", CARD_JOBS);
  bind_card (widget_class, "markets_card", CARD_MARKETS);
  bind_card (widget_class, "finance_card", CARD_FINANCE);
  gtk_widget_class_bind_template_callback (widget_class, card_enlarge_cb);
  gtk_widget_class_bind_template_callback (widget_class, flow_box_child_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, villages_changed_cb);

  gtk_widget_class_install_action (widget_class, "charts.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "charts.select-all-clusters", NULL,
                                   select_all_clusters_activated);
  gtk_widget_class_install_action (widget_class, "charts.choose-villages", NULL,
                                   choose_villages_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "charts.back", NULL);
}

static void
gf_charts_page_init (GfChartsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (GF_SETTINGS_SCHEMA_ID);
  self->clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));
  g_array_set_clear_func (self->clusters, (GDestroyNotify) cluster_clear);
  self->hidden_clusters = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->indicator_codes = g_ptr_array_new_with_free_func (g_free);
  self->indicator_names = gtk_string_list_new (NULL);
  self->trend_code = g_strdup (OPERATING_INCOME);
  self->income_code = g_strdup (PER_CAPITA_INCOME);

  self->trend_dropdown = indicator_dropdown_new (self, _("Indicator of the trend chart"));
  gf_chart_card_set_title_widget (card (self, CARD_TREND), GTK_WIDGET (self->trend_dropdown));
  self->income_dropdown = indicator_dropdown_new (self, _("Indicator of the income chart"));
  gf_chart_card_set_title_widget (card (self, CARD_INCOME), GTK_WIDGET (self->income_dropdown));

  g_signal_connect_object (self->first_year_dropdown, "notify::selected",
                           G_CALLBACK (year_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->last_year_dropdown, "notify::selected",
                           G_CALLBACK (year_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (update_high_contrast), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::high-contrast-charts",
                           G_CALLBACK (update_high_contrast), self, G_CONNECT_SWAPPED);

  gf_accessible_name_mnemonic_button (self->choose_villages_button);
  gf_accessible_label_drop_down (self->first_year_dropdown);
  gf_accessible_label_drop_down (self->last_year_dropdown);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "charts.back", FALSE);
  self->villages_dirty = TRUE;
  update_clusters_label (self);
  update_villages_label (self);
  update_high_contrast (self);
}

/* Public API */

/**
 * gf_charts_page_set_summary:
 * @summary: (nullable): the district's summary; nothing of it is kept
 *
 * Shows the charts of the window's database for the summary's year. The numbers are computed
 * in an idle (at once if the page is seen, else when it is shown); changes of the database
 * recompute them through GfDatabase::changed.
 */
void
gf_charts_page_set_summary (GfChartsPage    *self,
                            const GfSummary *summary)
{
  GtkWidget *window;

  g_return_if_fail (GF_IS_CHARTS_PAGE (self));

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), GF_TYPE_WINDOW);
  set_database (self, window != NULL ? gf_window_get_database (GF_WINDOW (window)) : NULL);

  if (summary == NULL)
    {
      self->year = 0;
      show_empty (self, _("No Indicator Values Yet"),
                  _("Open a database or import indicator values to compare the clusters."));
      return;
    }

  g_free (self->district_name);
  self->district_name = g_strdup (summary->district_name);

  if (summary->n_villages != self->n_villages)
    {
      self->n_villages = summary->n_villages;
      self->villages_dirty = TRUE;
      if (self->subject == GF_CHART_SUBJECT_VILLAGES)
        ensure_villages (self);
    }

  update_indicators (self, summary);
  update_clusters (self, summary);
  update_years (self, summary);

  if (summary->first_year <= 0 || summary->year <= 0)
    show_empty (self, _("No Indicator Values Yet"),
                _("Import indicator values (Import… in the main menu) to see the trends and "
                  "comparisons of income, land, jobs and e-commerce per cluster."));
  else if (self->clusters->len == 0)
    show_empty (self, _("No Clusters Yet"),
                _("The charts compare village clusters. Import the clusters and their member "
                  "villages (Import… in the main menu) to see them."));
  else
    {
      show_charts (self);
      queue_reload (self);
    }
}

/**
 * gf_charts_page_compare:
 * @subject: a cluster or a village
 * @id: its id
 *
 * Shows the charts of that one cluster (the only one ticked), or of that village in village
 * mode, chosen besides those chosen before (the first chosen is left out when the choice is
 * full). The map's "Show on Charts" comes here through win.show-on-charts.
 *
 * Returns: %FALSE if there is no such cluster or village
 */
gboolean
gf_charts_page_compare (GfChartsPage   *self,
                        GfChartSubject  subject,
                        gint64          id)
{
  g_return_val_if_fail (GF_IS_CHARTS_PAGE (self), FALSE);

  if (subject == GF_CHART_SUBJECT_VILLAGES)
    {
      guint n = 0;
      const gint64 *chosen;

      ensure_villages (self);
      chosen = gf_village_picker_get_chosen (self->village_picker, &n);
      if (n >= GF_VILLAGE_PICKER_MAX)
        {
          gboolean known = FALSE;

          for (guint i = 0; i < n && !known; i++)
            known = chosen[i] == id;
          if (!known)
            gf_village_picker_set_chosen (self->village_picker, chosen[0], FALSE);
        }
      if (!gf_village_picker_set_chosen (self->village_picker, id, TRUE))
        return FALSE;
    }
  else
    {
      gboolean found = FALSE;
      guint index = 0;

      for (guint c = 0; c < self->clusters->len && !found; c++)
        if (g_array_index (self->clusters, Cluster, c).id == id)
          {
            found = TRUE;
            index = c;
          }
      if (!found)
        return FALSE;

      g_hash_table_remove_all (self->hidden_clusters);
      for (guint c = 0; c < self->clusters->len; c++)
        if (c != index)
          g_hash_table_add (self->hidden_clusters,
                            g_memdup2 (&g_array_index (self->clusters, Cluster, c).id,
                                       sizeof (gint64)));

      self->updating = TRUE;
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->clusters_box));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                     GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child),
                                                                          "gf-cluster")) == index);
      self->updating = FALSE;
      update_clusters_label (self);
    }

  /* The dashboard, not a card enlarged before. */
  self->enlarged = NULL;
  set_subject (self, subject);
  queue_reload (self);

  return TRUE;
}

/**
 * gf_charts_page_get_subject:
 *
 * Returns: what the cards compare
 */
GfChartSubject
gf_charts_page_get_subject (GfChartsPage *self)
{
  g_return_val_if_fail (GF_IS_CHARTS_PAGE (self), GF_CHART_SUBJECT_CLUSTERS);

  return self->subject;
}

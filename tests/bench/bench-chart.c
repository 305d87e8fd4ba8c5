/* bench-chart.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chart benchmark: a line chart of 12 series × 15 years with Chinese names.
 *
 *   render: median time to draw the computed layout on a 1920 × 1080 ARGB32 image surface
 *           (what a redraw costs while the pointer moves; targets ≤ 5 ms)
 *   pdf:    median time to lay out and write one page to a PDF file (targets ≤ 40 ms)
 *   png300: median time to lay out, draw and write a 300-dpi PNG of a 10 × 5.625 in chart
 *           (3000 × 1688 px) with libpng and a pHYs chunk
 *
 * The three result lines go to stdout in exactly that form; details go to stderr.
 */

#define G_LOG_DOMAIN "bench-chart"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>

#include "gf-chart-layout.h"
#include "gf-chart-render.h"

#define N_SERIES       12
#define N_YEARS        15
#define RENDER_RUNS    50
#define PDF_RUNS       15
#define PNG_RUNS       5

static const char *years[N_YEARS] = {
  "2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022",
  "2023", "2024", "2025",
};

static const char *names[N_SERIES] = {
  "经营性收入", "农民人均纯收入", "发包及上交收入", "投资收益", "补助收入", "其他收入",
  "土地流转面积", "劳务费支出", "电商销售额", "旅游收入", "村级集体经济总收入", "水田面积",
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median_ms (double *samples_us,
           guint   n)
{
  qsort (samples_us, n, sizeof (double), compare_doubles);

  if (n % 2 == 1)
    return samples_us[n / 2] / 1000.0;

  return (samples_us[n / 2 - 1] + samples_us[n / 2]) / 2000.0;
}

/* CPU time of this thread, to tell the cost of the work from the load of the machine. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
fill_spec (GfChartSpec   *spec,
           GfChartSeries *series,
           double         values[N_SERIES][N_YEARS])
{
  for (guint s = 0; s < N_SERIES; s++)
    {
      for (guint y = 0; y < N_YEARS; y++)
        values[s][y] = (s + 1) * 850.0 * pow (1.05 + 0.01 * s, y) + 220 * sin (y * 0.8 + s);

      series[s].name = names[s];
      series[s].values = values[s];
      series[s].n_values = N_YEARS;
    }

  spec->kind = GF_CHART_KIND_LINE;
  spec->title = "各组团村级集体经济经营性收入";
  spec->subtitle = "2011—2025年";
  spec->source = "来源：区农业农村局";
  spec->unit = "万元";
  spec->categories = years;
  spec->n_categories = N_YEARS;
  spec->series = series;
  spec->n_series = N_SERIES;
  spec->no_data_message = "该指标暂无数据";
}

int
main (int   argc,
      char *argv[])
{
  static double values[N_SERIES][N_YEARS];
  GfChartSeries series[N_SERIES] = { 0 };
  GfChartSpec spec = { 0 };
  g_autoptr(GfChartLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *png_path = NULL;
  double render_us[RENDER_RUNS], layout_us[RENDER_RUNS], pdf_us[PDF_RUNS], png_us[PNG_RUNS];
  double render_cpu_us[RENDER_RUNS], pdf_cpu_us[PDF_RUNS], png_cpu_us[PNG_RUNS];
  cairo_surface_t *surface;
  gint64 start, start_cpu;

  fill_spec (&spec, series, values);
  spec.width = 1920;
  spec.height = 1080;

  dir = g_dir_make_tmp ("gf-bench-chart-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  pdf_path = g_build_filename (dir, "chart.pdf", NULL);
  png_path = g_build_filename (dir, "chart.png", NULL);

  /* Layout, for information: it runs once per data or size change, not per frame. */
  for (guint i = 0; i < RENDER_RUNS; i++)
    {
      g_clear_pointer (&layout, gf_chart_layout_free);
      start = g_get_monotonic_time ();
      layout = gf_chart_layout_compute (&spec, NULL);
      layout_us[i] = (double) (g_get_monotonic_time () - start);
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);

  /* The first draw loads the fonts: not measured. */
  for (guint i = 0; i < 3; i++)
    {
      cairo_t *cr = cairo_create (surface);

      gf_chart_render (layout, &spec, cr);
      cairo_destroy (cr);
    }

  for (guint i = 0; i < RENDER_RUNS; i++)
    {
      cairo_t *cr;

      start = g_get_monotonic_time ();
      start_cpu = thread_cpu_us ();
      cr = cairo_create (surface);
      gf_chart_render (layout, &spec, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      render_us[i] = (double) (g_get_monotonic_time () - start);
      render_cpu_us[i] = (double) (thread_cpu_us () - start_cpu);
    }
  cairo_surface_destroy (surface);

  /* Exports: one page at the chart's own size (in points), laid out afresh each time. */
  for (guint i = 0; i < PDF_RUNS; i++)
    {
      start = g_get_monotonic_time ();
      start_cpu = thread_cpu_us ();
      if (!gf_chart_export_pdf (&spec, pdf_path, spec.title, &error))
        {
          g_printerr ("pdf: %s\n", error->message);
          return EXIT_FAILURE;
        }
      pdf_us[i] = (double) (g_get_monotonic_time () - start);
      pdf_cpu_us[i] = (double) (thread_cpu_us () - start_cpu);
    }

  spec.width = 720;
  spec.height = 405;
  for (guint i = 0; i < PNG_RUNS; i++)
    {
      start = g_get_monotonic_time ();
      start_cpu = thread_cpu_us ();
      if (!gf_chart_export_png (&spec, png_path, 300, &error))
        {
          g_printerr ("png300: %s\n", error->message);
          return EXIT_FAILURE;
        }
      png_us[i] = (double) (g_get_monotonic_time () - start);
      png_cpu_us[i] = (double) (thread_cpu_us () - start_cpu);
    }

  {
    GStatBuf pdf_stat, png_stat;

    g_stat (pdf_path, &pdf_stat);
    g_stat (png_path, &png_stat);
    g_printerr ("layout: %.1f ms (median of %d); %u texts, %u marks\n",
                median_ms (layout_us, RENDER_RUNS), RENDER_RUNS, layout->n_texts,
                layout->n_marks);
    g_printerr ("pdf size: %ld KB, png size: %ld KB\n", (long) pdf_stat.st_size / 1024,
                (long) png_stat.st_size / 1024);
    g_printerr ("cpu time (median): render %.1f ms, pdf %.1f ms, png300 %.1f ms\n",
                median_ms (render_cpu_us, RENDER_RUNS), median_ms (pdf_cpu_us, PDF_RUNS),
                median_ms (png_cpu_us, PNG_RUNS));
  }

  printf ("render: %.1f ms\n", median_ms (render_us, RENDER_RUNS));
  printf ("pdf: %.1f ms\n", median_ms (pdf_us, PDF_RUNS));
  printf ("png300: %.1f ms\n", median_ms (png_us, PNG_RUNS));

  g_unlink (pdf_path);
  g_unlink (png_path);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}

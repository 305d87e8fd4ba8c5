/* gf-chart-render.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cairo.h>

#include "gf-chart-layout.h"

G_BEGIN_DECLS

#define GF_CHART_ERROR (gf_chart_error_quark ())

/**
 * GfChartError:
 * @GF_CHART_ERROR_FAILED: drawing failed (cairo reported an error)
 * @GF_CHART_ERROR_IO: the file could not be written
 * @GF_CHART_ERROR_INVALID: the size or resolution asked for is not possible
 *
 * Errors of the chart exporters.
 */
typedef enum
{
  GF_CHART_ERROR_FAILED,
  GF_CHART_ERROR_IO,
  GF_CHART_ERROR_INVALID,
} GfChartError;

/**
 * GfChartMarker:
 * @GF_CHART_MARKER_CIRCLE: a disc
 * @GF_CHART_MARKER_SQUARE: a square
 * @GF_CHART_MARKER_TRIANGLE: a triangle pointing up
 * @GF_CHART_MARKER_DIAMOND: a diamond
 *
 * Point markers: with the dash pattern, the second cue that tells lines apart besides colour.
 */
typedef enum
{
  GF_CHART_MARKER_CIRCLE,
  GF_CHART_MARKER_SQUARE,
  GF_CHART_MARKER_TRIANGLE,
  GF_CHART_MARKER_DIAMOND,
} GfChartMarker;

/**
 * GfChartFormat:
 * @GF_CHART_FORMAT_PNG: a PNG image
 * @GF_CHART_FORMAT_SVG: an SVG drawing
 * @GF_CHART_FORMAT_PDF: a one-page PDF with the chart's title in its metadata
 *
 * The file formats a chart (or, from the CLI, a map) is written to.
 */
typedef enum
{
  GF_CHART_FORMAT_PNG,
  GF_CHART_FORMAT_SVG,
  GF_CHART_FORMAT_PDF,
} GfChartFormat;

GQuark         gf_chart_error_quark        (void);

gboolean       gf_chart_format_from_string (const char          *text,
                                            GfChartFormat       *format);
gboolean       gf_chart_format_from_path   (const char          *path,
                                            GfChartFormat       *format);
const char    *gf_chart_format_get_extension (GfChartFormat      format);
gboolean       gf_chart_write_file         (const GfChartSpec   *spec,
                                            GfChartFormat        format,
                                            double               dpi,
                                            const char          *path,
                                            GError             **error);

guint          gf_chart_palette_size       (void);
guint32        gf_chart_palette_color      (guint                index,
                                            gboolean             high_contrast);
GfChartMarker  gf_chart_series_marker      (guint                index);
const double  *gf_chart_series_dashes      (guint                index,
                                            guint               *n_dashes);

void           gf_chart_render             (const GfChartLayout *layout,
                                            const GfChartSpec   *spec,
                                            cairo_t             *cr);
void           gf_chart_render_highlight   (const GfChartLayout *layout,
                                            const GfChartSpec   *spec,
                                            cairo_t             *cr,
                                            int                  category);

gboolean       gf_chart_export_png         (const GfChartSpec   *spec,
                                            const char          *path,
                                            double               dpi,
                                            GError             **error);
gboolean       gf_chart_export_svg         (const GfChartSpec   *spec,
                                            const char          *path,
                                            GError             **error);
gboolean       gf_chart_export_pdf         (const GfChartSpec   *spec,
                                            const char          *path,
                                            const char          *title,
                                            GError             **error);

G_END_DECLS

/* gf-map-style.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gf-aggregate.h"
#include "gf-map-data.h"

G_BEGIN_DECLS

#define GF_MAP_STYLE_ERROR (gf_map_style_error_quark ())

typedef enum
{
  GF_MAP_STYLE_ERROR_INDICATOR,   /* no indicator of that code */
  GF_MAP_STYLE_ERROR_CLASSES,     /* a number of classes or thresholds out of range */
} GfMapStyleError;

/* At most this many classes, the most a reader tells apart in a sequential palette. */
#define GF_MAP_MAX_CLASSES 7
#define GF_MAP_DEFAULT_CLASSES 5
/* The class of a missing value (NaN). */
#define GF_MAP_CLASS_NONE G_MAXUINT

typedef enum
{
  GF_MAP_CLASSIFY_QUANTILE,
  GF_MAP_CLASSIFY_EQUAL_INTERVAL,
  GF_MAP_CLASSIFY_THRESHOLDS,
} GfMapClassifyMethod;

typedef enum
{
  GF_MAP_COLOR_BY_CLUSTER,
  GF_MAP_COLOR_BY_VALUE,
} GfMapColorBy;

/**
 * GfMapClassification:
 * @method: how the breaks were chosen
 * @n_classes: number of classes (1 to %GF_MAP_MAX_CLASSES)
 * @breaks: (array length=n_classes-1): ascending; class 0 holds values below breaks[0],
 *   class i holds breaks[i − 1] ≤ v < breaks[i], the last class values from its break up
 * @colors: (array length=n_classes): 0xRRGGBB per class, from ColorBrewer's colour-blind-safe
 *   YlGnBu (sequential) or RdYlBu (diverging, for thresholds; red on the worse side)
 * @labels: (array zero-terminated=1): the legend text of each class ("< 50", "50 – 100", "≥ 100")
 * @counts: (array length=n_classes): how many of the classified values fall in each class
 * @n_missing: how many values were NaN
 * @min: the smallest value (NaN when there is none)
 * @max: the largest value
 * @diverging: whether @colors is the diverging palette
 *
 * The classes of a choropleth as plain data: the map colours villages with it and the legend
 * lists it.
 */
typedef struct
{
  GfMapClassifyMethod  method;
  guint                n_classes;
  double              *breaks;
  guint32             *colors;
  char               **labels;
  guint               *counts;
  guint                n_missing;
  double               min;
  double               max;
  gboolean             diverging;
} GfMapClassification;

typedef struct _GfMapStyle GfMapStyle;

GQuark               gf_map_style_error_quark          (void);

GfMapClassification *gf_map_classification_new         (GfMapClassifyMethod   method,
                                                        const double         *values,
                                                        guint                 n_values,
                                                        guint                 n_classes,
                                                        const double         *thresholds,
                                                        guint                 n_thresholds,
                                                        int                   direction);
guint                gf_map_classification_class_of    (const GfMapClassification *classes,
                                                        double                value);
void                 gf_map_classification_free        (GfMapClassification  *classes);

GfMapStyle          *gf_map_style_new_by_cluster       (GfMapData            *data);
GfMapStyle          *gf_map_style_new_by_membership    (GfMapData            *data,
                                                        GHashTable           *village_to_cluster);
GfMapStyle          *gf_map_style_new_by_values        (GfMapData            *data,
                                                        const GfVillageValues *values,
                                                        GfMapClassification  *classes,
                                                        const char           *title,
                                                        const char           *subtitle);
GfMapStyle          *gf_map_style_new_for_indicator    (GfMapData            *data,
                                                        GfAggregator         *aggregator,
                                                        const char           *code,
                                                        int                   year,
                                                        GfMapClassifyMethod   method,
                                                        guint                 n_classes,
                                                        const double         *thresholds,
                                                        guint                 n_thresholds,
                                                        GError              **error);
GfMapStyle          *gf_map_style_ref                  (GfMapStyle           *style);
void                 gf_map_style_unref                (GfMapStyle           *style);
void                 gf_map_style_set_fill_opacity     (GfMapStyle           *style,
                                                        double                opacity);
double               gf_map_style_get_fill_opacity     (const GfMapStyle     *style);
GfMapData           *gf_map_style_get_data             (const GfMapStyle     *style);
GfMapColorBy         gf_map_style_get_color_by         (const GfMapStyle     *style);
const GfMapClassification *gf_map_style_get_classification (const GfMapStyle *style);
const char          *gf_map_style_get_title            (const GfMapStyle     *style);
const char          *gf_map_style_get_subtitle         (const GfMapStyle     *style);
gboolean             gf_map_style_get_village_fill     (const GfMapStyle     *style,
                                                        guint                 village,
                                                        guint32              *rgb);
double               gf_map_style_get_village_value    (const GfMapStyle     *style,
                                                        guint                 village);

/* Colours of the map that are not data: neutral fills and the no-data hatch. */
#define GF_MAP_COLOR_UNCLUSTERED 0xE1E1DE
#define GF_MAP_COLOR_NO_DATA     0xE6E6E6
#define GF_MAP_COLOR_HATCH       0x9A9A9A

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfMapClassification, gf_map_classification_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfMapStyle, gf_map_style_unref)

G_END_DECLS

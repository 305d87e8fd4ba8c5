/* gf-layout.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning of cluster layouts (组团布局方案): drafts edited in memory, their totals beside
 * another layout's, warnings about the shape of clusters, and the saved layouts themselves
 * (list, rename, delete, make current). Nothing here changes the current layout except
 * gf_layout_make_current().
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gf-database.h"
#include "gf-map-data.h"
#include "gf-store.h"

G_BEGIN_DECLS

#define GF_LAYOUT_ERROR (gf_layout_error_quark ())

/**
 * GfLayoutError:
 * @GF_LAYOUT_ERROR_NOT_FOUND: no layout, village or cluster of that id or name
 * @GF_LAYOUT_ERROR_EXISTS: another layout has that name
 * @GF_LAYOUT_ERROR_INVALID: an empty name
 * @GF_LAYOUT_ERROR_CURRENT: the operation would change or delete the current layout
 *
 * Errors of layouts. The messages are sentences for the user.
 */
typedef enum
{
  GF_LAYOUT_ERROR_NOT_FOUND,
  GF_LAYOUT_ERROR_EXISTS,
  GF_LAYOUT_ERROR_INVALID,
  GF_LAYOUT_ERROR_CURRENT,
} GfLayoutError;

/* A cluster is "very elongated" when gf_layout_check() measures an elongation above this. */
#define GF_LAYOUT_ELONGATION_LIMIT 4.0

/**
 * GfLayoutInfo:
 * @id: the layout's id
 * @name: its name
 * @is_current: whether it is the current layout
 * @created_at: when it was created, ISO 8601 in UTC ("2026-03-01T08:00:00Z")
 * @n_clusters: clusters with at least one member village
 * @n_villages: member villages
 *
 * A saved layout, as gf_layout_list() lists it.
 */
typedef struct
{
  gint64    id;
  char     *name;
  gboolean  is_current;
  char     *created_at;
  guint     n_clusters;
  guint     n_villages;
} GfLayoutInfo;

/**
 * GfLayoutMove:
 * @village_id: a village
 * @from_cluster: its cluster in the first layout, 0 for none
 * @to_cluster: its cluster in the second layout, 0 for none
 *
 * A village whose cluster differs between two layouts.
 */
typedef struct
{
  gint64  village_id;
  gint64  from_cluster;
  gint64  to_cluster;
} GfLayoutMove;

GQuark         gf_layout_error_quark       (void);
GPtrArray     *gf_layout_list              (GfDatabase    *db,
                                            GError       **error);
GfLayoutInfo  *gf_layout_find              (GfDatabase    *db,
                                            const char    *name,
                                            GError       **error);
void           gf_layout_info_free         (GfLayoutInfo  *info);
gboolean       gf_layout_rename            (GfDatabase    *db,
                                            gint64         id,
                                            const char    *name,
                                            GError       **error);
gboolean       gf_layout_delete            (GfDatabase    *db,
                                            gint64         id,
                                            GError       **error);
gboolean       gf_layout_make_current      (GfDatabase    *db,
                                            gint64         id,
                                            GError       **error);
GHashTable    *gf_layout_get_membership    (GfDatabase    *db,
                                            gint64         layout_id,
                                            GError       **error);
GArray        *gf_layout_diff              (GHashTable    *a,
                                            GHashTable    *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfLayoutInfo, gf_layout_info_free)

/* Drafts */

#define GF_TYPE_LAYOUT_DRAFT (gf_layout_draft_get_type ())

G_DECLARE_FINAL_TYPE (GfLayoutDraft, gf_layout_draft, GF, LAYOUT_DRAFT, GObject)

GfLayoutDraft *gf_layout_draft_new_from       (GfDatabase     *db,
                                               gint64          base_layout_id,
                                               const char     *name,
                                               GError        **error);
GfLayoutDraft *gf_layout_draft_open           (GfDatabase     *db,
                                               gint64          layout_id,
                                               GError        **error);
GfDatabase    *gf_layout_draft_get_database   (GfLayoutDraft  *self);
const char    *gf_layout_draft_get_name       (GfLayoutDraft  *self);
void           gf_layout_draft_set_name       (GfLayoutDraft  *self,
                                               const char     *name);
gint64         gf_layout_draft_get_base_id    (GfLayoutDraft  *self);
gint64         gf_layout_draft_get_saved_id   (GfLayoutDraft  *self);
gboolean       gf_layout_draft_get_modified   (GfLayoutDraft  *self);
gint64         gf_layout_draft_get_cluster    (GfLayoutDraft  *self,
                                               gint64          village_id);
GHashTable    *gf_layout_draft_get_membership (GfLayoutDraft  *self);
GArray        *gf_layout_draft_get_members    (GfLayoutDraft  *self,
                                               gint64          cluster_id);
GArray        *gf_layout_draft_get_changes    (GfLayoutDraft  *self);
gboolean       gf_layout_draft_assign         (GfLayoutDraft  *self,
                                               gint64          village_id,
                                               gint64          cluster_id,
                                               GError        **error);
gboolean       gf_layout_draft_assign_many    (GfLayoutDraft  *self,
                                               const gint64   *village_ids,
                                               guint           n_villages,
                                               gint64          cluster_id,
                                               GError        **error);
gboolean       gf_layout_draft_can_undo       (GfLayoutDraft  *self);
gboolean       gf_layout_draft_can_redo       (GfLayoutDraft  *self);
gboolean       gf_layout_draft_undo           (GfLayoutDraft  *self);
gboolean       gf_layout_draft_redo           (GfLayoutDraft  *self);
gboolean       gf_layout_draft_save           (GfLayoutDraft  *self,
                                               GError        **error);
gboolean       gf_layout_draft_save_as        (GfLayoutDraft  *self,
                                               const char     *name,
                                               GError        **error);

/* Totals */

/**
 * GfLayoutClusterTotals:
 * @cluster_id: the cluster
 * @name: its name
 * @color: (nullable): its colour, #RRGGBB
 * @n_villages: member villages
 * @area_km2: their area: each village's area_km2, or the area of its boundary when it has none
 * @area_mu: the same area in 亩 (1 km² = 1,500 亩)
 * @n_area_known: members whose area is known (from either source)
 * @population: the sum of the members' known populations
 * @n_population_known: members whose population is known
 * @values: (array): for each indicator of #GfLayoutTotals.indicators, the aggregate by the
 *   indicator's rule for the year, NaN where no member reported
 * @n_reporting: (array): for each indicator, the members that reported a value
 *
 * One cluster of a layout, with its totals.
 */
typedef struct
{
  gint64   cluster_id;
  char    *name;
  char    *color;
  guint    n_villages;
  double   area_km2;
  double   area_mu;
  guint    n_area_known;
  gint64   population;
  guint    n_population_known;
  double  *values;
  guint   *n_reporting;
} GfLayoutClusterTotals;

/**
 * GfLayoutTotals:
 * @year: the year of the indicator values
 * @indicators: (element-type GfIndicator): the catalogue, in display order
 * @clusters: (element-type GfLayoutClusterTotals): every cluster with at least one member,
 *   by cluster id
 * @n_unassigned: villages in no cluster
 */
typedef struct
{
  int         year;
  GPtrArray  *indicators;
  GPtrArray  *clusters;
  guint       n_unassigned;
} GfLayoutTotals;

/**
 * GfLayoutDelta:
 * @a: the value in the first layout (NaN when unknown)
 * @b: the value in the second layout (NaN when unknown)
 * @diff: @b − @a, NaN when either is unknown
 * @percent: @diff as a percentage of |@a|, NaN when @a is 0 or unknown
 *
 * One figure of two layouts side by side.
 */
typedef struct
{
  double  a;
  double  b;
  double  diff;
  double  percent;
} GfLayoutDelta;

/**
 * GfLayoutClusterComparison:
 * @cluster_id: the cluster
 * @name: its name
 * @in_a: whether the cluster has members in the first layout
 * @in_b: whether it has members in the second
 * @villages: member villages (0 where the cluster has none)
 * @area_km2: area in km² (0 where the cluster has no members)
 * @area_mu: area in 亩
 * @population: population
 * @values: (array): for each indicator of #GfLayoutComparison.indicators; an absent side is
 *   NaN, as for a cluster where nobody reported
 */
typedef struct
{
  gint64          cluster_id;
  char           *name;
  gboolean        in_a;
  gboolean        in_b;
  GfLayoutDelta   villages;
  GfLayoutDelta   area_km2;
  GfLayoutDelta   area_mu;
  GfLayoutDelta   population;
  GfLayoutDelta  *values;
} GfLayoutClusterComparison;

/**
 * GfLayoutComparison:
 * @year: the year of both totals
 * @indicators: (element-type GfIndicator): the catalogue, in display order
 * @clusters: (element-type GfLayoutClusterComparison): every cluster with members in either
 *   layout, by cluster id
 */
typedef struct
{
  int         year;
  GPtrArray  *indicators;
  GPtrArray  *clusters;
} GfLayoutComparison;

GfLayoutTotals     *gf_layout_totals                  (GfDatabase                *db,
                                                       GHashTable                *membership,
                                                       int                        year,
                                                       GError                   **error);
GfLayoutTotals     *gf_layout_totals_for_layout       (GfDatabase                *db,
                                                       gint64                     layout_id,
                                                       int                        year,
                                                       GError                   **error);
const GfLayoutClusterTotals *
                    gf_layout_totals_find_cluster     (const GfLayoutTotals      *totals,
                                                       gint64                     cluster_id);
int                 gf_layout_totals_find_indicator   (const GfLayoutTotals      *totals,
                                                       const char                *code);
void                gf_layout_totals_free             (GfLayoutTotals            *totals);
GfLayoutComparison *gf_layout_compare                 (const GfLayoutTotals      *a,
                                                       const GfLayoutTotals      *b);
const GfLayoutClusterComparison *
                    gf_layout_comparison_find_cluster (const GfLayoutComparison  *comparison,
                                                       gint64                     cluster_id);
JsonNode           *gf_layout_comparison_to_json      (const GfLayoutComparison  *comparison);
void                gf_layout_comparison_free         (GfLayoutComparison        *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfLayoutTotals, gf_layout_totals_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfLayoutComparison, gf_layout_comparison_free)

/* Shape checks */

typedef struct _GfLayoutGeometry GfLayoutGeometry;

/**
 * GfLayoutWarningKind:
 * @GF_LAYOUT_WARNING_NOT_CONTIGUOUS: the cluster's villages fall apart into several parts
 * @GF_LAYOUT_WARNING_ELONGATED: the cluster is more than %GF_LAYOUT_ELONGATION_LIMIT times
 *   as long as it is wide
 */
typedef enum
{
  GF_LAYOUT_WARNING_NOT_CONTIGUOUS,
  GF_LAYOUT_WARNING_ELONGATED,
} GfLayoutWarningKind;

/**
 * GfLayoutShape:
 * @cluster_id: the cluster
 * @n_members: its member villages
 * @n_without_boundary: members without a boundary polygon, left out of both measures
 * @n_parts: connected parts of the members that have a boundary, in the graph where two
 *   villages are neighbours when their boundaries share an edge (0 without any boundary)
 * @elongation: the ratio of the major to the minor axis of the members' area (see
 *   gf_layout_geometry_shape()), NaN for fewer than two members with a boundary
 *
 * The shape measures of one cluster.
 */
typedef struct
{
  gint64  cluster_id;
  guint   n_members;
  guint   n_without_boundary;
  guint   n_parts;
  double  elongation;
} GfLayoutShape;

/**
 * GfLayoutWarning:
 * @kind: what is wrong
 * @cluster_id: the cluster
 * @cluster_name: its name
 * @n_parts: for %GF_LAYOUT_WARNING_NOT_CONTIGUOUS, the number of parts
 * @elongation: for %GF_LAYOUT_WARNING_ELONGATED, the measured elongation
 * @stray_villages: (element-type gint64): for %GF_LAYOUT_WARNING_NOT_CONTIGUOUS, the member
 *   villages outside the largest part (by area), ascending: those a map would highlight
 * @message: the warning as a sentence for the user
 */
typedef struct
{
  GfLayoutWarningKind  kind;
  gint64               cluster_id;
  char                *cluster_name;
  guint                n_parts;
  double               elongation;
  GArray              *stray_villages;
  char                *message;
} GfLayoutWarning;

GfLayoutGeometry *gf_layout_geometry_load            (GfDatabase              *db,
                                                      GError                 **error);
GfLayoutGeometry *gf_layout_geometry_new_for_map     (const GfMapData         *data);
void              gf_layout_geometry_free            (GfLayoutGeometry        *geometry);
const gint64     *gf_layout_geometry_get_neighbours  (const GfLayoutGeometry  *geometry,
                                                      gint64                   village_id,
                                                      guint                   *n_neighbours);
gboolean          gf_layout_geometry_are_neighbours  (const GfLayoutGeometry  *geometry,
                                                      gint64                   village_a,
                                                      gint64                   village_b);
gboolean          gf_layout_geometry_shape           (const GfLayoutGeometry  *geometry,
                                                      GHashTable              *membership,
                                                      gint64                   cluster_id,
                                                      GfLayoutShape           *shape);
GPtrArray        *gf_layout_check                    (const GfLayoutGeometry  *geometry,
                                                      GHashTable              *membership);
void              gf_layout_warning_free             (GfLayoutWarning         *warning);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfLayoutGeometry, gf_layout_geometry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfLayoutWarning, gf_layout_warning_free)

G_END_DECLS

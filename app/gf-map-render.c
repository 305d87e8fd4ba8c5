/* gf-map-render.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map drawn with cairo onto any target: a view of any extent and zoom (screen, PNG, SVG,
 * PDF), or one 256-px Web Mercator tile for libshumate. Order, bottom to top: village fills
 * (by cluster or choropleth), village outlines, cluster outlines, town boundaries and the
 * district outline, routes, site symbols, labels.
 *
 * Threads: a render reads the GfMapData and GfMapStyle (immutable) and the site symbols
 * (rendered once per scale under g_once, then only read), and keeps everything else on its
 * own stack: its scratch arrays, its Pango context (pango_cairo_create_context() on the
 * target, which uses the calling thread's own font map). So tiles may render in parallel
 * worker threads, each on its own cairo_t.
 *
 * Labels: a view places them greedily (most important first, none overlapping, all inside).
 * A tile cannot see its neighbours' decisions, so there a label shows when no label ranked
 * above it would overlap it, a rule every tile evaluates alike from the candidates within
 * three label extents: a label that crosses a tile edge is drawn, whole and at the same place,
 * by every tile it touches, and never twice.
 */

#define G_LOG_DOMAIN "gf-map-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "gf-map-data-private.h"
#include "gf-map-render.h"

#define FONT_FAMILY "Noto Sans CJK SC, Noto Sans, sans"

/* Logical pixels. (Village outlines: each shared edge is drawn once; 0.9 looks as 0.7 did
 * when both villages drew it.) */
#define VILLAGE_OUTLINE_WIDTH   0.9
#define CLUSTER_BAND_WIDTH      3.0
#define CLUSTER_LINE_WIDTH      1.0
#define TOWN_LINE_WIDTH         1.1
#define DISTRICT_LINE_WIDTH     1.8
#define ROUTE_WIDTH             3.0
#define ROUTE_CASING            1.5
#define SIMPLIFY_TOLERANCE      0.35
/* The farthest a label's box reaches from its anchor; bigger labels are left out of tiles. */
#define LABEL_REACH             200.0
#define LABEL_PADDING           2.0

#define N_SYMBOL_SCALES 3

static const struct
{
  guint32 color;
} site_kinds[GF_MAP_SITE_N_KINDS] = {
  [GF_MAP_SITE_AGRI_PARK] = { 0x2E7D32 },
  [GF_MAP_SITE_INTEGRATION_PARK] = { 0x00838F },
  [GF_MAP_SITE_LOGISTICS_CENTRE] = { 0x1565C0 },
  [GF_MAP_SITE_COMMON_FACTORY] = { 0xBF360C },
  [GF_MAP_SITE_ECOMMERCE_BUILDING] = { 0x6A1B9A },
  [GF_MAP_SITE_SERVICE_CENTRE] = { 0xAD1457 },
  [GF_MAP_SITE_SCENIC_SPOT] = { 0xF9A825 },
  [GF_MAP_SITE_BASE] = { 0x5D4037 },
};

/* Symbol diameters by level, logical pixels: a national park stands out, a district one
 * stays discreet. */
static const double level_sizes[GF_MAP_N_LEVELS] = { 19, 15.5, 12.5, 10.5 };

static const struct
{
  guint32 color;
  gboolean dashed;
} route_kinds[GF_MAP_ROUTE_N_KINDS] = {
  [GF_MAP_ROUTE_SCENIC_ROAD] = { 0x7B3294, FALSE },
  [GF_MAP_ROUTE_RED_TOURISM] = { 0xB2182B, FALSE },
  [GF_MAP_ROUTE_INDUSTRY_LINE] = { 0x8C510A, TRUE },
};

typedef enum
{
  LABEL_OBSTACLE,
  LABEL_CLUSTER,
  LABEL_TOWN,
  LABEL_SITE,
  LABEL_VILLAGE,
  N_LABEL_CLASSES
} LabelClass;

typedef struct
{
  LabelClass   cls;
  double       rank_size;     /* bigger first within a class */
  gint64       id;
  const char  *text;
  guint32      color;
  double       anchor_x;      /* the text's centre, or its left end for sites */
  double       anchor_y;
  gboolean     left_aligned;
  double       x0, y0, x1, y1;
  gboolean     shown;
} Label;

typedef struct
{
  const GfMapData   *data;
  const GfMapStyle  *style;
  cairo_t           *cr;
  guint              layers;
  gboolean           tile;
  gboolean           vector;
  double             ox;        /* world origin of the cairo area */
  double             oy;
  double             k;         /* cairo units per world unit */
  double             u;         /* cairo units per logical pixel */
  double             zoom;      /* logical zoom */
  double             width;     /* cairo units */
  double             height;
  double             stamp_scale;
  GfMapRect          rect;      /* the world rectangle drawn */
  GArray            *villages;  /* guint, scratch */
  GArray            *scratch;   /* guint, scratch */
} Ctx;

/* Site symbols, pre-rendered per device scale (1×, 2×, 3×) and then only read. */
static cairo_surface_t *symbols[N_SYMBOL_SCALES][GF_MAP_SITE_N_KINDS][GF_MAP_N_LEVELS];

static inline void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* Towards black by @amount (0 … 1). */
static guint32
darken (guint32 rgb,
        double  amount)
{
  guint r = ((rgb >> 16) & 0xff) * (1 - amount);
  guint g = ((rgb >> 8) & 0xff) * (1 - amount);
  guint b = (rgb & 0xff) * (1 - amount);

  return (r << 16) | (g << 8) | b;
}

static inline double
px_x (const Ctx *ctx,
      double     x)
{
  return (x - ctx->ox) * ctx->k;
}

static inline double
px_y (const Ctx *ctx,
      double     y)
{
  return (y - ctx->oy) * ctx->k;
}

/* The size of a box on the target, in cairo units. */
static inline double
screen_size (const Ctx       *ctx,
             const GfMapRect *bounds)
{
  return MAX (bounds->x1 - bounds->x0, bounds->y1 - bounds->y0) * ctx->k;
}

static GfMapRect
grow (const GfMapRect *rect,
      double           by)
{
  return (GfMapRect) { rect->x0 - by, rect->y0 - by, rect->x1 + by, rect->y1 + by };
}

/* A ring as a cairo path, skipping points closer than a third of a pixel to the last one
 * drawn: at a district-wide zoom most vertices of a village fall within one pixel. The
 * result depends only on the zoom, never on the tile, so neighbouring tiles join exactly. */
static void
path_ring_directed (const Ctx *ctx,
                    guint      ring,
                    gboolean   close,
                    gboolean   reverse)
{
  const GfMapData *data = ctx->data;
  guint start = data->ring_start[ring], end = data->ring_start[ring + 1];
  double tol = SIMPLIFY_TOLERANCE * ctx->u;
  double lx, ly;
  guint n, first;
  int step;

  if (end <= start)
    return;

  n = end - start;
  first = reverse ? end - 1 : start;
  step = reverse ? -1 : 1;
  lx = px_x (ctx, data->xy[2 * first]);
  ly = px_y (ctx, data->xy[2 * first + 1]);
  cairo_move_to (ctx->cr, lx, ly);
  for (guint j = 1; j < n; j++)
    {
      guint i = first + step * (int) j;
      double x = px_x (ctx, data->xy[2 * i]), y = px_y (ctx, data->xy[2 * i + 1]);

      if (j + 1 == n || fabs (x - lx) + fabs (y - ly) >= tol)
        {
          cairo_line_to (ctx->cr, x, y);
          lx = x;
          ly = y;
        }
    }
  if (close)
    cairo_close_path (ctx->cr);
}

static void
path_ring (const Ctx *ctx,
           guint      ring,
           gboolean   close)
{
  path_ring_directed (ctx, ring, close, FALSE);
}

/* Whether the ring runs clockwise on the map (y down): twice its signed area is positive. */
static gboolean
ring_is_clockwise (const GfMapData *data,
                   guint            ring)
{
  guint start = data->ring_start[ring], end = data->ring_start[ring + 1];
  double area = 0;

  for (guint i = start; i + 1 < end; i++)
    area += data->xy[2 * i] * data->xy[2 * i + 3] - data->xy[2 * i + 2] * data->xy[2 * i + 1];
  return area > 0;
}

static void
path_rings (const Ctx *ctx,
            guint      first,
            guint      n,
            gboolean   close)
{
  for (guint r = first; r < first + n; r++)
    path_ring (ctx, r, close);
}

/* Symbols */

static void
symbol_path (cairo_t       *cr,
             GfMapSiteKind  kind,
             double         cx,
             double         cy,
             double         r)
{
  switch (kind)
    {
    case GF_MAP_SITE_AGRI_PARK:
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      break;

    case GF_MAP_SITE_INTEGRATION_PARK:
      for (int i = 0; i < 6; i++)
        {
          double a = G_PI / 6 + i * G_PI / 3;
          if (i == 0)
            cairo_move_to (cr, cx + r * cos (a), cy + r * sin (a));
          else
            cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
        }
      cairo_close_path (cr);
      break;

    case GF_MAP_SITE_LOGISTICS_CENTRE:
      cairo_rectangle (cr, cx - 0.86 * r, cy - 0.86 * r, 1.72 * r, 1.72 * r);
      break;

    case GF_MAP_SITE_COMMON_FACTORY:
      /* A house: a square with a roof. */
      cairo_move_to (cr, cx - 0.85 * r, cy + 0.85 * r);
      cairo_line_to (cr, cx - 0.85 * r, cy - 0.15 * r);
      cairo_line_to (cr, cx, cy - r);
      cairo_line_to (cr, cx + 0.85 * r, cy - 0.15 * r);
      cairo_line_to (cr, cx + 0.85 * r, cy + 0.85 * r);
      cairo_close_path (cr);
      break;

    case GF_MAP_SITE_ECOMMERCE_BUILDING:
      cairo_move_to (cr, cx, cy - 1.1 * r);
      cairo_line_to (cr, cx + 1.1 * r, cy);
      cairo_line_to (cr, cx, cy + 1.1 * r);
      cairo_line_to (cr, cx - 1.1 * r, cy);
      cairo_close_path (cr);
      break;

    case GF_MAP_SITE_SERVICE_CENTRE:
      cairo_move_to (cr, cx, cy - 1.1 * r);
      cairo_line_to (cr, cx + r, cy + 0.75 * r);
      cairo_line_to (cr, cx - r, cy + 0.75 * r);
      cairo_close_path (cr);
      break;

    case GF_MAP_SITE_SCENIC_SPOT:
      for (int i = 0; i < 10; i++)
        {
          double a = -G_PI / 2 + i * G_PI / 5;
          double rr = i % 2 == 0 ? 1.2 * r : 0.5 * r;
          if (i == 0)
            cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
          else
            cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
        }
      cairo_close_path (cr);
      break;

    case GF_MAP_SITE_BASE:
    case GF_MAP_SITE_N_KINDS:
    default:
      cairo_move_to (cr, cx, cy + 1.1 * r);
      cairo_line_to (cr, cx + r, cy - 0.75 * r);
      cairo_line_to (cr, cx - r, cy - 0.75 * r);
      cairo_close_path (cr);
      break;
    }
}

/* One symbol as paths: a coloured shape with a white rim and a thin dark edge, so it reads on
 * any fill. @size is the diameter in the units of @cr. */
static void
draw_symbol (cairo_t       *cr,
             GfMapSiteKind  kind,
             double         cx,
             double         cy,
             double         size,
             double         unit)
{
  double r = size / 2 - 1.6 * unit;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  symbol_path (cr, kind, cx, cy, r);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_set_line_width (cr, 3.4 * unit);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.2 * unit);
  cairo_stroke_preserve (cr);
  set_rgb (cr, site_kinds[kind].color, 1);
  cairo_fill (cr);
  cairo_restore (cr);
}

static gpointer
render_symbols (gpointer scale_index)
{
  guint s = GPOINTER_TO_UINT (scale_index);
  double scale = s + 1;

  for (guint kind = 0; kind < GF_MAP_SITE_N_KINDS; kind++)
    for (guint level = 0; level < GF_MAP_N_LEVELS; level++)
      {
        int n = (int) ceil ((level_sizes[level] + 4) * scale);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, n, n);
        cairo_t *cr = cairo_create (surface);

        draw_symbol (cr, kind, n / 2.0, n / 2.0, level_sizes[level] * scale, scale);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        symbols[s][kind][level] = surface;
      }

  return GUINT_TO_POINTER (1);
}

static cairo_surface_t *
get_symbol (guint          scale,
            GfMapSiteKind  kind,
            GfMapSiteLevel level)
{
  static GOnce once[N_SYMBOL_SCALES] = { G_ONCE_INIT, G_ONCE_INIT, G_ONCE_INIT };

  g_once (&once[scale - 1], render_symbols, GUINT_TO_POINTER (scale - 1));
  return symbols[scale - 1][kind][level];
}

/* Context */

static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
ctx_init (Ctx              *ctx,
          const GfMapData  *data,
          const GfMapStyle *style,
          guint             layers,
          cairo_t          *cr)
{
  double dx = 1, dy = 0, sx = 1, sy = 1;

  memset (ctx, 0, sizeof *ctx);
  ctx->data = data;
  ctx->style = style;
  ctx->cr = cr;
  ctx->layers = layers;
  ctx->vector = target_is_vector (cr);
  ctx->villages = g_array_sized_new (FALSE, FALSE, sizeof (guint), 256);
  ctx->scratch = g_array_sized_new (FALSE, FALSE, sizeof (guint), 256);

  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  ctx->stamp_scale = hypot (dx, dy) * sx;
}

static void
ctx_clear (Ctx *ctx)
{
  g_clear_pointer (&ctx->villages, g_array_unref);
  g_clear_pointer (&ctx->scratch, g_array_unref);
}

/* Layers */

static cairo_pattern_t *
create_hatch (const Ctx *ctx)
{
  double period = 7 * ctx->u;
  int n = MAX (2, (int) ceil (period));
  /* As many pixels as the target has, so a HiDPI tile gets crisp lines. */
  double scale = CLAMP (ceil (ctx->stamp_scale - 0.01), 1, 4);
  cairo_surface_t *surface;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, n * scale, n * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  set_rgb (cr, GF_MAP_COLOR_NO_DATA, 1);
  cairo_paint (cr);
  set_rgb (cr, GF_MAP_COLOR_HATCH, 1);
  cairo_set_line_width (cr, 0.9 * ctx->u);
  for (int i = -1; i <= 1; i++)
    {
      cairo_move_to (cr, i * n, n);
      cairo_line_to (cr, i * n + n, 0);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (surface);
  cairo_surface_destroy (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  /* Anchored to the world, not to the tile: the hatch runs on across tile edges. */
  cairo_matrix_init_translate (&matrix, fmod (ctx->ox * ctx->k, n), fmod (ctx->oy * ctx->k, n));
  cairo_pattern_set_matrix (pattern, &matrix);

  return pattern;
}

static void
draw_point_village (const Ctx          *ctx,
                    const GfMapVillage *v)
{
  cairo_new_sub_path (ctx->cr);
  cairo_arc (ctx->cr, px_x (ctx, v->label_x), px_y (ctx, v->label_y), 3.5 * ctx->u, 0,
             2 * G_PI);
}

/* A fill key: 0xRRGGBB, or this for the hatch of villages without data. */
#define FILL_HATCH 0x1000000u

typedef struct
{
  guint32 key;
  guint   village;
} FillItem;

static int
compare_fill_items (const void *a,
                    const void *b)
{
  const FillItem *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->village > y->village) - (x->village < y->village);
}

/* One village's shape, added to the current path. Single rings run clockwise, so that one
 * non-zero fill of many villages paints each once even where two overlap by a sliver;
 * villages with holes keep their own path and the even-odd rule. */
static void
path_village_fill (const Ctx          *ctx,
                   const GfMapVillage *v)
{
  const GfMapData *data = ctx->data;

  if (v->n_rings == 0)
    draw_point_village (ctx, v);
  else if (screen_size (ctx, &v->bounds) < 1.5 * ctx->u)
    {
      /* Below a pixel or so its shape does not show: its box does as well. */
      cairo_rectangle (ctx->cr, px_x (ctx, v->bounds.x0), px_y (ctx, v->bounds.y0),
                       (v->bounds.x1 - v->bounds.x0) * ctx->k,
                       (v->bounds.y1 - v->bounds.y0) * ctx->k);
    }
  else if (v->n_rings == 1)
    path_ring_directed (ctx, v->first_ring, TRUE, !ring_is_clockwise (data, v->first_ring));
  else
    path_rings (ctx, v->first_ring, v->n_rings, TRUE);
}

static void
draw_village_fills (const Ctx *ctx)
{
  const GfMapData *data = ctx->data;
  cairo_t *cr = ctx->cr;
  cairo_pattern_t *hatch = NULL;
  double opacity = gf_map_style_get_fill_opacity (ctx->style);
  gboolean villages = (ctx->layers & GF_MAP_LAYER_VILLAGES) != 0;
  g_autofree FillItem *items = g_new (FillItem, MAX (ctx->villages->len, 1));
  guint n = 0;

  /* One fill per colour: cairo's cost is mostly per call, and villages of one colour that
   * share an edge then show no seam where each antialiased half of it met. */
  for (guint k = 0; k < ctx->villages->len; k++)
    {
      guint i = g_array_index (ctx->villages, guint, k);
      const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage, i);
      guint32 key, rgb;

      if (!villages)
        {
          /* Clusters alone: their members, lightly. */
          if (v->cluster < 0)
            continue;
          key = gf_map_data_get_cluster (data, v->cluster)->color & 0xffffff;
        }
      else if (gf_map_style_get_village_fill (ctx->style, i, &rgb))
        key = rgb & 0xffffff;
      else
        key = FILL_HATCH;
      items[n++] = (FillItem) { key, i };
    }
  qsort (items, n, sizeof (FillItem), compare_fill_items);

  for (guint a = 0, b; a < n; a = b)
    {
      gboolean holes = FALSE;

      if (items[a].key == FILL_HATCH)
        {
          if (hatch == NULL)
            hatch = create_hatch (ctx);
          cairo_set_source (cr, hatch);
        }
      else
        set_rgb (cr, items[a].key, villages ? opacity : 0.35 * opacity);

      for (b = a; b < n && items[b].key == items[a].key; b++)
        {
          const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage,
                                                  items[b].village);

          if (v->n_rings > 1 && screen_size (ctx, &v->bounds) >= 1.5 * ctx->u)
            {
              holes = TRUE;
              continue;
            }
          path_village_fill (ctx, v);
        }
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      cairo_fill (cr);

      if (!holes)
        continue;
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      for (guint c = a; c < b; c++)
        {
          const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage,
                                                  items[c].village);

          if (v->n_rings > 1 && screen_size (ctx, &v->bounds) >= 1.5 * ctx->u)
            {
              path_village_fill (ctx, v);
              cairo_fill (cr);
            }
        }
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  g_clear_pointer (&hatch, cairo_pattern_destroy);
}

static gboolean path_edges (const Ctx *ctx,
                            guint      ring,
                            guint8     flag,
                            gboolean   without);

static void
draw_village_outlines (const Ctx *ctx)
{
  const GfMapData *data = ctx->data;
  cairo_t *cr = ctx->cr;
  guint n_points = 0;

  /* Villages of a dozen pixels would be all outline (and outlines cost three times what
   * fills do): decided for the whole map by the typical village, so that tiles agree. */
  if (data->village_size * ctx->k < 12 * ctx->u)
    return;

  /* At under a pixel wide, a join's shape does not show; bevels are the cheapest. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_width (cr, VILLAGE_OUTLINE_WIDTH * ctx->u);
  /* Opaque, so that where batches meet nothing darkens. */
  cairo_set_source_rgb (cr, 1, 1, 1);

  for (guint k = 0; k < ctx->villages->len; k++)
    {
      const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage,
                                              g_array_index (ctx->villages, guint, k));

      if (v->n_rings > 0)
        {
          if (screen_size (ctx, &v->bounds) < 4 * ctx->u)
            continue;
          /* An edge two villages share is drawn once, by the one that comes first: half
           * the strokes. */
          for (guint r = v->first_ring; r < v->first_ring + v->n_rings; r++)
            path_edges (ctx, r, GF_MAP_EDGE_TWIN, TRUE);
          n_points += data->ring_start[v->first_ring + v->n_rings]
                      - data->ring_start[v->first_ring];
        }
      else
        {
          draw_point_village (ctx, v);
          n_points += 8;
        }

      /* Small batches: a path that spans much of the target makes cairo's antialiased
       * stroke switch to a full-size mask (measured, 20,000 villages of 7 px: batches of 10
       * villages 0.66–0.95 s, of 1–4 villages 0.13–0.17 s). */
      if (n_points > 64)
        {
          cairo_stroke (cr);
          n_points = 0;
        }
    }
  if (n_points > 0)
    cairo_stroke (cr);
}

/* The runs of the edges of one ring whose flags have @flag (or, with @without, lack it), as
 * open subpaths; or the closed ring when every edge is one of them. */
static gboolean
path_edges (const Ctx *ctx,
            guint      ring,
            guint8     flag,
            gboolean   without)
{
  const GfMapData *data = ctx->data;
  guint start = data->ring_start[ring], end = data->ring_start[ring + 1];
  guint n_edges = end - start - 1, first = G_MAXUINT, drawn = 0;
  double tol = SIMPLIFY_TOLERANCE * ctx->u;

  if (end - start < 2)
    return FALSE;

  /* Start after an inside edge so that runs are not cut at the ring's first point. */
  for (guint e = 0; e < n_edges; e++)
    if (((data->edge_flags[start + e] & flag) != 0) == without)
      {
        first = e;
        break;
      }

  if (first == G_MAXUINT)
    {
      path_ring (ctx, ring, TRUE);
      return TRUE;
    }

  {
    gboolean in_run = FALSE;
    double lx = 0, ly = 0;

    for (guint j = 1; j <= n_edges; j++)
      {
        guint e = (first + j) % n_edges;
        guint p = start + e;
        gboolean wanted = ((data->edge_flags[p] & flag) != 0) != without;
        double bx = px_x (ctx, data->xy[2 * (p + 1)]), by = px_y (ctx, data->xy[2 * (p + 1) + 1]);

        if (wanted && !in_run)
          {
            lx = px_x (ctx, data->xy[2 * p]);
            ly = px_y (ctx, data->xy[2 * p + 1]);
            cairo_move_to (ctx->cr, lx, ly);
            in_run = TRUE;
          }
        if (wanted)
          {
            guint next = start + (e + 1) % n_edges;
            gboolean run_ends = ((data->edge_flags[next] & flag) != 0) == without
                                || j == n_edges;

            if (run_ends || fabs (bx - lx) + fabs (by - ly) >= tol)
              {
                cairo_line_to (ctx->cr, bx, by);
                lx = bx;
                ly = by;
              }
            drawn++;
          }
        else
          in_run = FALSE;
      }
  }

  return drawn > 0;
}

/* The runs of cluster-boundary edges of one ring, as open subpaths (or the closed ring when
 * every edge is on the boundary). */
static gboolean
path_boundary_edges (const Ctx *ctx,
                     guint      ring)
{
  return path_edges (ctx, ring, GF_MAP_EDGE_CLUSTER_BOUNDARY, FALSE);
}

/* Whether any edge of the village lies on its cluster's outline. */
static gboolean
village_on_cluster_boundary (const GfMapData    *data,
                             const GfMapVillage *v)
{
  guint start = data->ring_start[v->first_ring];
  guint end = data->ring_start[v->first_ring + v->n_rings];

  for (guint p = start; p < end; p++)
    if (data->edge_flags[p] & GF_MAP_EDGE_CLUSTER_BOUNDARY)
      return TRUE;
  return FALSE;
}

static void
draw_cluster_outlines (const Ctx *ctx)
{
  const GfMapData *data = ctx->data;
  cairo_t *cr = ctx->cr;
  gboolean by_cluster = gf_map_style_get_color_by (ctx->style) == GF_MAP_COLOR_BY_CLUSTER
                        && (ctx->layers & GF_MAP_LAYER_VILLAGES);
  guint32 band_color = 0;
  guint band_points = 0;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  for (guint k = 0; k < ctx->villages->len; k++)
    {
      guint i = g_array_index (ctx->villages, guint, k);
      const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage, i);
      guint32 color;

      if (v->cluster < 0 || v->n_rings == 0 || !village_on_cluster_boundary (data, v))
        continue;
      color = gf_map_data_get_cluster (data, v->cluster)->color;

      if (screen_size (ctx, &v->bounds) < 6 * CLUSTER_BAND_WIDTH * ctx->u)
        {
          guint32 band = by_cluster ? darken (color, 0.3) : color;

          /* Small villages (a province at a glance): the band alone, centred on the edge,
           * without the clip that costs more than the village; one stroke for a run of
           * villages of one colour, as cairo's cost is mostly per call. */
          if (band_points > 0 && (band != band_color || band_points > 256))
            {
              cairo_stroke (cr);
              band_points = 0;
            }
          band_color = band;
          if (band_points == 0)
            {
              set_rgb (cr, band, 1);
              cairo_set_line_width (cr, CLUSTER_BAND_WIDTH * ctx->u * 0.6);
            }
          for (guint r = v->first_ring; r < v->first_ring + v->n_rings; r++)
            path_boundary_edges (ctx, r);
          band_points += data->ring_start[v->first_ring + v->n_rings]
                         - data->ring_start[v->first_ring];
          continue;
        }

      if (band_points > 0)
        {
          cairo_stroke (cr);
          band_points = 0;
        }

      /* A band inside the village along the cluster's outline: the village clips a stroke
       * twice as wide. Two clusters that touch each show their own colour. */
      cairo_save (cr);
      path_rings (ctx, v->first_ring, v->n_rings, TRUE);
      cairo_clip (cr);
      for (guint r = v->first_ring; r < v->first_ring + v->n_rings; r++)
        path_boundary_edges (ctx, r);
      if (!by_cluster)
        {
          /* Over a choropleth a white rim inside the band parts it from any class. */
          cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
          cairo_set_line_width (cr, 2 * (CLUSTER_BAND_WIDTH + 1.5) * ctx->u);
          cairo_stroke_preserve (cr);
        }
      set_rgb (cr, by_cluster ? darken (color, 0.3) : color, 1);
      cairo_set_line_width (cr, 2 * CLUSTER_BAND_WIDTH * ctx->u);
      cairo_stroke (cr);
      cairo_restore (cr);

      for (guint r = v->first_ring; r < v->first_ring + v->n_rings; r++)
        path_boundary_edges (ctx, r);
      set_rgb (cr, darken (color, 0.55), 1);
      cairo_set_line_width (cr, CLUSTER_LINE_WIDTH * ctx->u);
      cairo_stroke (cr);
    }
  if (band_points > 0)
    cairo_stroke (cr);
}

static void
draw_towns (const Ctx *ctx)
{
  const GfMapData *data = ctx->data;
  cairo_t *cr = ctx->cr;
  GfMapRect rect = grow (&ctx->rect, 3 * ctx->u / ctx->k);
  double dashes[] = { 5 * ctx->u, 3 * ctx->u };

  g_array_set_size (ctx->scratch, 0);
  gf_map_data_query (data, GF_MAP_LAYER_TOWNS, &rect, ctx->scratch);

  /* One town at a time (see draw_village_outlines()): a light casing under the dashes
   * keeps them legible on dark classes. */
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, (TOWN_LINE_WIDTH + 1.4) * ctx->u);
  for (guint k = 0; k < ctx->scratch->len; k++)
    {
      const GfMapArea *town = &g_array_index (data->towns, GfMapArea,
                                              g_array_index (ctx->scratch, guint, k));
      path_rings (ctx, town->first_ring, town->n_rings, TRUE);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_source_rgb (cr, 0.24, 0.24, 0.26);
  cairo_set_line_width (cr, TOWN_LINE_WIDTH * ctx->u);
  for (guint k = 0; k < ctx->scratch->len; k++)
    {
      const GfMapArea *town = &g_array_index (data->towns, GfMapArea,
                                              g_array_index (ctx->scratch, guint, k));
      path_rings (ctx, town->first_ring, town->n_rings, TRUE);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_district (const Ctx *ctx)
{
  const GfMapData *data = ctx->data;
  cairo_t *cr = ctx->cr;

  if (!data->has_district || data->district.n_rings == 0
      || data->district.bounds.x0 > ctx->rect.x1 || data->district.bounds.x1 < ctx->rect.x0
      || data->district.bounds.y0 > ctx->rect.y1 || data->district.bounds.y1 < ctx->rect.y0)
    return;

  path_rings (ctx, data->district.first_ring, data->district.n_rings, TRUE);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 0.16, 0.16, 0.18, 1);
  cairo_set_line_width (cr, DISTRICT_LINE_WIDTH * ctx->u);
  cairo_stroke (cr);
}

static void
draw_routes (const Ctx *ctx)
{
  const GfMapData *data = ctx->data;
  cairo_t *cr = ctx->cr;
  GfMapRect rect = grow (&ctx->rect, (ROUTE_WIDTH + 2 * ROUTE_CASING) * ctx->u / ctx->k);
  double dashes[] = { 7 * ctx->u, 4 * ctx->u };

  g_array_set_size (ctx->scratch, 0);
  gf_map_data_query (data, GF_MAP_LAYER_ROUTES, &rect, ctx->scratch);
  if (ctx->scratch->len == 0)
    return;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* All casings first, so crossing routes do not cut each other. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, (ROUTE_WIDTH + 2 * ROUTE_CASING) * ctx->u);
  for (guint k = 0; k < ctx->scratch->len; k++)
    {
      const GfMapRoute *route = &g_array_index (data->routes, GfMapRoute,
                                                g_array_index (ctx->scratch, guint, k));
      path_rings (ctx, route->first_ring, route->n_rings, FALSE);
      cairo_stroke (cr);
    }

  for (guint k = 0; k < ctx->scratch->len; k++)
    {
      const GfMapRoute *route = &g_array_index (data->routes, GfMapRoute,
                                                g_array_index (ctx->scratch, guint, k));

      path_rings (ctx, route->first_ring, route->n_rings, FALSE);
      set_rgb (cr, route_kinds[route->kind].color, 1);
      cairo_set_line_width (cr, ROUTE_WIDTH * ctx->u);
      cairo_set_dash (cr, dashes, route_kinds[route->kind].dashed ? 2 : 0, 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_sites (const Ctx *ctx)
{
  const GfMapData *data = ctx->data;
  cairo_t *cr = ctx->cr;
  GfMapRect rect = grow (&ctx->rect, (level_sizes[0] / 2 + 3) * ctx->u / ctx->k);
  guint scale = CLAMP ((guint) ceil (ctx->stamp_scale * ctx->u - 0.01), 1, N_SYMBOL_SCALES);

  g_array_set_size (ctx->scratch, 0);
  gf_map_data_query (data, GF_MAP_LAYER_SITES, &rect, ctx->scratch);

  /* Big symbols under small ones, so that a district site next to a national park shows. */
  for (int level = 0; level < GF_MAP_N_LEVELS; level++)
    for (guint k = 0; k < ctx->scratch->len; k++)
      {
        const GfMapSite *site = &g_array_index (data->sites, GfMapSite,
                                                g_array_index (ctx->scratch, guint, k));
        double x = px_x (ctx, site->x), y = px_y (ctx, site->y);

        if ((int) site->level != level)
          continue;

        if (ctx->vector)
          {
            /* Paths keep a PDF or SVG sharp at any magnification. */
            draw_symbol (cr, site->kind, x, y, level_sizes[level] * ctx->u, ctx->u);
          }
        else
          {
            cairo_surface_t *stamp = get_symbol (scale, site->kind, site->level);
            double n = cairo_image_surface_get_width (stamp);
            double f = ctx->u / scale;

            cairo_save (cr);
            cairo_translate (cr, x - n / 2 * f, y - n / 2 * f);
            cairo_scale (cr, f, f);
            cairo_set_source_surface (cr, stamp, 0, 0);
            cairo_paint (cr);
            cairo_restore (cr);
          }
      }
}

/* Labels */

typedef struct
{
  double size;       /* logical pixels */
  gboolean bold;
  double halo;
} LabelStyle;

static const LabelStyle label_styles[N_LABEL_CLASSES] = {
  [LABEL_OBSTACLE] = { 0, FALSE, 0 },
  [LABEL_CLUSTER] = { 16, TRUE, 3.0 },
  [LABEL_TOWN] = { 14, FALSE, 2.5 },
  [LABEL_SITE] = { 11, FALSE, 2.0 },
  [LABEL_VILLAGE] = { 10.5, FALSE, 1.8 },
};

/* The text's size without Pango: Han characters are one em wide in every CJK font, other
 * characters about 0.6 em. Every tile estimates alike, which the label rule needs. */
static void
estimate_text (const char *text,
               double      em,
               double     *width,
               double     *height)
{
  double w = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      w += g_unichar_iswide (c) ? 1.0 : 0.6;
    }

  *width = w * em;
  *height = 1.3 * em;
}

static void
add_label (const Ctx   *ctx,
           GArray      *labels,
           LabelClass   cls,
           double       rank_size,
           gint64       id,
           const char  *text,
           guint32      color,
           double       x,
           double       y,
           gboolean     left_aligned,
           double       w,
           double       h)
{
  Label label = { 0 };
  double pad = LABEL_PADDING * ctx->u;

  label.cls = cls;
  label.rank_size = rank_size;
  label.id = id;
  label.text = text;
  label.color = color;
  label.anchor_x = x;
  label.anchor_y = y;
  label.left_aligned = left_aligned;
  label.x0 = (left_aligned ? x : x - w / 2) - pad;
  label.x1 = (left_aligned ? x + w : x + w / 2) + pad;
  label.y0 = y - h / 2 - pad;
  label.y1 = y + h / 2 + pad;

  if (ctx->tile && (label.x1 - x > LABEL_REACH * ctx->u || x - label.x0 > LABEL_REACH * ctx->u
                    || label.y1 - y > LABEL_REACH * ctx->u))
    return;

  g_array_append_val (labels, label);
}

static int
compare_labels (const void *a,
                const void *b)
{
  const Label *x = a, *y = b;

  if (x->cls != y->cls)
    return x->cls < y->cls ? -1 : 1;
  if (x->rank_size != y->rank_size)
    return x->rank_size > y->rank_size ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

static inline gboolean
labels_overlap (const Label *a,
                const Label *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Whether @label must give way to @other, ranked above it. Cluster names may cover site
 * symbols (the halo keeps both legible); every other name avoids them. */
static inline gboolean
yields_to (const Label *label,
           const Label *other,
           gboolean     other_counts)
{
  if (other->cls == LABEL_OBSTACLE)
    return label->cls != LABEL_CLUSTER && labels_overlap (label, other);

  return other_counts && labels_overlap (label, other);
}

static void
collect_labels (const Ctx       *ctx,
                const GfMapRect *region,
                GArray          *labels)
{
  const GfMapData *data = ctx->data;
  guint layers = ctx->layers;
  double u = ctx->u;
  double mpp = gf_map_meters_per_pixel (ctx->zoom, (region->y0 + region->y1) / 2);
  double w, h;

  if (layers & GF_MAP_LAYER_SITES)
    {
      g_array_set_size (ctx->scratch, 0);
      gf_map_data_query (data, GF_MAP_LAYER_SITES, region, ctx->scratch);
      for (guint k = 0; k < ctx->scratch->len; k++)
        {
          guint i = g_array_index (ctx->scratch, guint, k);
          const GfMapSite *s = &g_array_index (data->sites, GfMapSite, i);
          double x = px_x (ctx, s->x), y = px_y (ctx, s->y);
          double r = level_sizes[s->level] / 2 * u;
          Label obstacle = { LABEL_OBSTACLE, 0, s->id, NULL, 0, x, y, FALSE,
                             x - r, y - r, x + r, y + r, FALSE };
          gboolean named = s->level <= GF_MAP_LEVEL_PROVINCIAL ? mpp <= 30 : mpp <= 10;

          g_array_append_val (labels, obstacle);
          if (!(layers & GF_MAP_LAYER_LABELS) || !named)
            continue;
          estimate_text (s->name, label_styles[LABEL_SITE].size * u, &w, &h);
          add_label (ctx, labels, LABEL_SITE, GF_MAP_N_LEVELS - s->level, s->id, s->name,
                     0x303030, x + r + 3 * u, y, TRUE, w, h);
        }
    }

  if (!(layers & GF_MAP_LAYER_LABELS))
    return;

  if (layers & GF_MAP_LAYER_CLUSTERS)
    for (guint i = 0; i < data->clusters->len; i++)
      {
        const GfMapCluster *c = &g_array_index (data->clusters, GfMapCluster, i);
        double cw = (c->bounds.x1 - c->bounds.x0) * ctx->k;
        double ch = (c->bounds.y1 - c->bounds.y0) * ctx->k;

        if (c->n_members == 0 || c->label_x < region->x0 || c->label_x > region->x1
            || c->label_y < region->y0 || c->label_y > region->y1)
          continue;
        estimate_text (c->name, label_styles[LABEL_CLUSTER].size * u, &w, &h);
        /* Named while it is a shape on the map, not the whole screen. */
        if (MAX (cw, ch) < 0.8 * w || MIN (cw, ch) > 1800 * u)
          continue;
        add_label (ctx, labels, LABEL_CLUSTER, c->n_members, c->id, c->name,
                   darken (c->color, 0.45), px_x (ctx, c->label_x), px_y (ctx, c->label_y),
                   FALSE, w, h);
      }

  if (layers & GF_MAP_LAYER_TOWNS)
    {
      g_array_set_size (ctx->scratch, 0);
      gf_map_data_query (data, GF_MAP_LAYER_TOWNS, region, ctx->scratch);
      for (guint k = 0; k < ctx->scratch->len; k++)
        {
          const GfMapArea *t = &g_array_index (data->towns, GfMapArea,
                                               g_array_index (ctx->scratch, guint, k));
          double tw = (t->bounds.x1 - t->bounds.x0) * ctx->k;

          if (t->n_rings == 0 || t->label_x < region->x0 || t->label_x > region->x1
              || t->label_y < region->y0 || t->label_y > region->y1)
            continue;
          estimate_text (t->name, label_styles[LABEL_TOWN].size * u, &w, &h);
          if (tw < 1.5 * w || tw > 1500 * u)
            continue;
          add_label (ctx, labels, LABEL_TOWN, tw, t->id, t->name, 0x3C3C5A,
                     px_x (ctx, t->label_x), px_y (ctx, t->label_y), FALSE, w, h);
        }
    }

  /* At a zoom where even the biggest village is too small for a name (and no village is a
   * point), the query of thousands of villages around the tile finds none to label. */
  if ((layers & GF_MAP_LAYER_VILLAGES)
      && ((data->has_point_villages && mpp <= 15)
          || (data->village_max_w * ctx->k >= 2.5 * label_styles[LABEL_VILLAGE].size * u
              && data->village_max_h * ctx->k >= 2 * label_styles[LABEL_VILLAGE].size * u)))
    {
      g_array_set_size (ctx->scratch, 0);
      gf_map_data_query (data, GF_MAP_LAYER_VILLAGES, region, ctx->scratch);
      for (guint k = 0; k < ctx->scratch->len; k++)
        {
          const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage,
                                                  g_array_index (ctx->scratch, guint, k));
          double vw = (v->bounds.x1 - v->bounds.x0) * ctx->k;
          double vh = (v->bounds.y1 - v->bounds.y0) * ctx->k;
          double x = px_x (ctx, v->label_x), y = px_y (ctx, v->label_y);

          if (v->label_x < region->x0 || v->label_x > region->x1
              || v->label_y < region->y0 || v->label_y > region->y1)
            continue;
          /* Too small for any name of two characters: skip before measuring. */
          if (v->n_rings > 0 && (vw < 2.5 * label_styles[LABEL_VILLAGE].size * u
                                 || vh < 2 * label_styles[LABEL_VILLAGE].size * u))
            continue;
          estimate_text (v->name, label_styles[LABEL_VILLAGE].size * u, &w, &h);
          if (v->n_rings > 0)
            {
              /* Only where the name fits the village with room to spare. */
              if (vw < 1.25 * w || vh < 1.6 * h)
                continue;
              add_label (ctx, labels, LABEL_VILLAGE, vw * vh, v->id, v->name, 0x404040,
                         x, y, FALSE, w, h);
            }
          else if (mpp <= 15)
            add_label (ctx, labels, LABEL_VILLAGE, 0, v->id, v->name, 0x1E1E1E,
                       x + 5 * u, y, TRUE, w, h);
        }
    }
}

static void
draw_label (const Ctx    *ctx,
            PangoLayout  *layout,
            const Label  *label)
{
  cairo_t *cr = ctx->cr;
  const LabelStyle *ls = &label_styles[label->cls];
  PangoRectangle ink, logical;
  double x, y;

  pango_layout_set_text (layout, label->text, -1);
  pango_layout_get_extents (layout, &ink, &logical);
  x = label->left_aligned ? label->anchor_x
                          : label->anchor_x - logical.width / (2.0 * PANGO_SCALE);
  y = label->anchor_y - logical.height / (2.0 * PANGO_SCALE);

  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_set_line_width (cr, 2 * ls->halo * ctx->u);
  /* The halo, a soft rim two pixels wide, costs most of a label: stroked round the glyphs'
   * curves flattened to within 0.3 pixel, and coarsely antialiased, it costs half as much
   * and looks the same. The text itself keeps the finer antialiasing. */
  cairo_save (cr);
  if (!ctx->vector)
    {
      cairo_set_tolerance (cr, 0.3);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
    }
  cairo_stroke_preserve (cr);
  cairo_restore (cr);
  set_rgb (cr, label->color, 1);
  cairo_fill (cr);
}

static PangoContext *
create_pango_context (cairo_t *cr)
{
  /* pango_cairo_create_context() uses this thread's default font map: a tile thread never
   * shares font caches with another. */
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  pango_context_set_base_dir (context, PANGO_DIRECTION_LTR);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

static PangoFontDescription *
label_font (LabelClass cls,
            double     unit)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, label_styles[cls].size * unit * PANGO_SCALE);
  if (label_styles[cls].bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

static void
draw_labels (const Ctx *ctx)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, TRUE, sizeof (Label));
  PangoContext *context = NULL;
  PangoLayout *layouts[N_LABEL_CLASSES] = { NULL };
  GfMapRect region;

  if (ctx->tile)
    {
      /* A label drawn here can be pushed aside by one anchored up to two reaches away. */
      region = grow (&ctx->rect, 3 * LABEL_REACH * ctx->u / ctx->k);
    }
  else
    region = ctx->rect;

  collect_labels (ctx, &region, labels);
  if (!(ctx->layers & GF_MAP_LAYER_LABELS) || labels->len == 0)
    return;
  qsort (labels->data, labels->len, sizeof (Label), compare_labels);

  for (guint i = 0; i < labels->len; i++)
    {
      Label *label = &g_array_index (labels, Label, i);
      gboolean clear = TRUE;

      if (label->cls == LABEL_OBSTACLE)
        continue;

      if (ctx->tile)
        {
          /* Yields to every label ranked above it, shown or not: the same answer in every
           * tile that sees it. */
          for (guint j = 0; j < i && clear; j++)
            clear = !yields_to (label, &g_array_index (labels, Label, j), TRUE);
          label->shown = clear && label->x1 > 0 && label->x0 < ctx->width
                         && label->y1 > 0 && label->y0 < ctx->height;
        }
      else
        {
          clear = label->x0 >= 0 && label->y0 >= 0 && label->x1 <= ctx->width
                 && label->y1 <= ctx->height;
          for (guint j = 0; j < i && clear; j++)
            {
              const Label *other = &g_array_index (labels, Label, j);

              if (yields_to (label, other, other->shown))
                clear = FALSE;
            }
          label->shown = clear;
        }
    }

  cairo_set_antialias (ctx->cr, CAIRO_ANTIALIAS_DEFAULT);
  context = create_pango_context (ctx->cr);
  for (guint i = 0; i < labels->len; i++)
    {
      const Label *label = &g_array_index (labels, Label, i);

      if (!label->shown)
        continue;
      if (layouts[label->cls] == NULL)
        {
          g_autoptr(PangoFontDescription) font = label_font (label->cls, ctx->u);

          layouts[label->cls] = pango_layout_new (context);
          pango_layout_set_font_description (layouts[label->cls], font);
        }
      draw_label (ctx, layouts[label->cls], label);
    }

  for (guint c = 0; c < N_LABEL_CLASSES; c++)
    g_clear_object (&layouts[c]);
  g_object_unref (context);
}

static void
render (Ctx *ctx)
{
  GfMapRect rect;
  guint layers = ctx->layers;

  ctx->rect = (GfMapRect) { ctx->ox, ctx->oy, ctx->ox + ctx->width / ctx->k,
                            ctx->oy + ctx->height / ctx->k };
  rect = grow (&ctx->rect, (CLUSTER_BAND_WIDTH + 2) * ctx->u / ctx->k);

  cairo_save (ctx->cr);
  cairo_rectangle (ctx->cr, 0, 0, ctx->width, ctx->height);
  cairo_clip (ctx->cr);
  /* Cairo's coarser antialiasing (4 × 4 samples a pixel) halves the cost of fills and
   * strokes, and shows no difference on edges between colours, outlines, bands and routes
   * (compared magnified at zooms 9–13). Text keeps the finer one (draw_labels()). Views and
   * tiles alike, so that both draw the same pixels. */
  if (!ctx->vector)
    cairo_set_antialias (ctx->cr, CAIRO_ANTIALIAS_FAST);

  if (layers & (GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_CLUSTERS))
    gf_map_data_query (ctx->data, GF_MAP_LAYER_VILLAGES, &rect, ctx->villages);

  if (layers & (GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_CLUSTERS))
    draw_village_fills (ctx);
  if (layers & GF_MAP_LAYER_VILLAGES)
    draw_village_outlines (ctx);
  if (layers & GF_MAP_LAYER_CLUSTERS)
    draw_cluster_outlines (ctx);
  if (layers & GF_MAP_LAYER_TOWNS)
    draw_towns (ctx);
  if (layers & (GF_MAP_LAYER_TOWNS | GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_CLUSTERS))
    draw_district (ctx);
  if (layers & GF_MAP_LAYER_ROUTES)
    draw_routes (ctx);
  if (layers & GF_MAP_LAYER_SITES)
    draw_sites (ctx);
  if (layers & GF_MAP_LAYER_LABELS)
    draw_labels (ctx);

  cairo_restore (ctx->cr);
}

/* Legend */

typedef enum
{
  ROW_HEADING,
  ROW_SUBTITLE,
  ROW_FILL,
  ROW_HATCH,
  ROW_OUTLINE,
  ROW_SYMBOL,
  ROW_ROUTE,
} RowKind;

typedef struct
{
  RowKind      kind;
  char        *text;
  char        *note;      /* a count, right-aligned */
  guint32      color;
  int          index;     /* site or route kind */
} LegendRow;

static void
legend_row_clear (gpointer p)
{
  LegendRow *row = p;

  g_free (row->text);
  g_free (row->note);
}

static void
add_row (GArray     *rows,
         RowKind     kind,
         const char *text,
         char       *note,
         guint32     color,
         int         index)
{
  LegendRow row = { kind, g_strdup (text), note, color, index };

  g_array_append_val (rows, row);
}

static GArray *
legend_rows (const GfMapData  *data,
             const GfMapStyle *style,
             guint             layers)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (LegendRow));
  const GfMapClassification *classes = gf_map_style_get_classification (style);
  gboolean present[GF_MAP_SITE_N_KINDS + GF_MAP_ROUTE_N_KINDS];

  g_array_set_clear_func (rows, legend_row_clear);

  if (layers & GF_MAP_LAYER_VILLAGES)
    {
      add_row (rows, ROW_HEADING, gf_map_style_get_title (style), NULL, 0, 0);
      if (gf_map_style_get_subtitle (style) != NULL)
        add_row (rows, ROW_SUBTITLE, gf_map_style_get_subtitle (style), NULL, 0, 0);

      if (classes != NULL)
        {
          for (guint i = 0; i < classes->n_classes; i++)
            add_row (rows, ROW_FILL, classes->labels[i],
                     g_strdup_printf ("%u", classes->counts[i]), classes->colors[i], 0);
          if (classes->n_missing > 0)
            add_row (rows, ROW_HATCH, _("No data"),
                     g_strdup_printf ("%u", classes->n_missing), 0, 0);
        }
      else
        {
          guint unclustered = 0;

          for (guint i = 0; i < data->clusters->len; i++)
            {
              const GfMapCluster *c = &g_array_index (data->clusters, GfMapCluster, i);

              if (c->n_members > 0)
                add_row (rows, ROW_FILL, c->name, g_strdup_printf ("%u", c->n_members),
                         c->color, 0);
            }
          for (guint i = 0; i < data->villages->len; i++)
            unclustered += g_array_index (data->villages, GfMapVillage, i).cluster < 0;
          if (unclustered > 0)
            add_row (rows, ROW_FILL, _("Not in a cluster"), g_strdup_printf ("%u", unclustered),
                     GF_MAP_COLOR_UNCLUSTERED, 0);
        }
    }

  if ((layers & GF_MAP_LAYER_CLUSTERS)
      && (classes != NULL || !(layers & GF_MAP_LAYER_VILLAGES)))
    {
      gboolean heading = FALSE;

      for (guint i = 0; i < data->clusters->len; i++)
        {
          const GfMapCluster *c = &g_array_index (data->clusters, GfMapCluster, i);

          if (c->n_members == 0)
            continue;
          if (!heading)
            add_row (rows, ROW_HEADING, _("Clusters"), NULL, 0, 0);
          heading = TRUE;
          add_row (rows, ROW_OUTLINE, c->name, NULL, c->color, 0);
        }
    }

  if ((layers & GF_MAP_LAYER_SITES) && data->sites->len > 0)
    {
      memset (present, 0, sizeof present);
      for (guint i = 0; i < data->sites->len; i++)
        present[g_array_index (data->sites, GfMapSite, i).kind] = TRUE;
      add_row (rows, ROW_HEADING, _("Sites"), NULL, 0, 0);
      for (int k = 0; k < GF_MAP_SITE_N_KINDS; k++)
        if (present[k])
          add_row (rows, ROW_SYMBOL, gf_map_site_kind_to_label (k), NULL, 0, k);
    }

  if ((layers & GF_MAP_LAYER_ROUTES) && data->routes->len > 0)
    {
      memset (present, 0, sizeof present);
      for (guint i = 0; i < data->routes->len; i++)
        present[g_array_index (data->routes, GfMapRoute, i).kind] = TRUE;
      add_row (rows, ROW_HEADING, _("Routes"), NULL, 0, 0);
      for (int k = 0; k < GF_MAP_ROUTE_N_KINDS; k++)
        if (present[k])
          add_row (rows, ROW_ROUTE, gf_map_route_kind_to_label (k), NULL, 0, k);
    }

  return rows;
}

#define LEGEND_PAD 10.0
#define LEGEND_SWATCH 16.0
#define LEGEND_GAP 8.0
#define LEGEND_ROW 21.0
#define LEGEND_FONT 12.0

/* Lays the legend out and, when @draw, draws it with its top-left corner at (x, y). */
static void
legend (const GfMapData  *data,
        const GfMapStyle *style,
        guint             layers,
        cairo_t          *cr,
        gboolean          draw,
        double            x,
        double            y,
        double           *out_width,
        double           *out_height)
{
  g_autoptr(GArray) rows = legend_rows (data, style, layers);
  PangoContext *context = create_pango_context (cr);
  /* Released last, after the layouts made from it (no autoptr for PangoContext in 1.50). */
  g_autoptr(GObject) context_owner = G_OBJECT (context);
  g_autoptr(PangoLayout) text = pango_layout_new (context);
  g_autoptr(PangoLayout) bold = pango_layout_new (context);
  g_autoptr(PangoLayout) small = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);
  g_autoptr(PangoFontDescription) bold_font = NULL;
  g_autoptr(PangoFontDescription) small_font = NULL;
  g_autoptr(GArray) row_y = g_array_new (FALSE, FALSE, sizeof (double));
  double text_w = 0, note_w = 0, height = LEGEND_PAD, width;
  cairo_pattern_t *hatch = NULL;

  pango_font_description_set_absolute_size (font, LEGEND_FONT * PANGO_SCALE);
  bold_font = pango_font_description_copy (font);
  pango_font_description_set_weight (bold_font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (bold_font, 13 * PANGO_SCALE);
  small_font = pango_font_description_copy (font);
  pango_font_description_set_absolute_size (small_font, 11 * PANGO_SCALE);
  pango_layout_set_font_description (text, font);
  pango_layout_set_font_description (bold, bold_font);
  pango_layout_set_font_description (small, small_font);

  for (guint i = 0; i < rows->len; i++)
    {
      const LegendRow *row = &g_array_index (rows, LegendRow, i);
      PangoLayout *layout = row->kind == ROW_HEADING ? bold
                            : row->kind == ROW_SUBTITLE ? small : text;
      int w, h;
      double indent = row->kind == ROW_HEADING || row->kind == ROW_SUBTITLE
                      ? 0 : LEGEND_SWATCH + LEGEND_GAP;

      if (row->kind == ROW_HEADING && i > 0)
        height += 6;
      g_array_append_val (row_y, height);

      pango_layout_set_text (layout, row->text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      text_w = MAX (text_w, indent + w);
      if (row->note != NULL)
        {
          pango_layout_set_text (small, row->note, -1);
          pango_layout_get_pixel_size (small, &w, &h);
          note_w = MAX (note_w, w);
        }
      height += row->kind == ROW_SUBTITLE ? 18 : LEGEND_ROW;
    }
  height += LEGEND_PAD - 4;
  width = LEGEND_PAD + text_w + (note_w > 0 ? LEGEND_GAP * 2 + note_w : 0) + LEGEND_PAD;

  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
  if (!draw)
    return;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.93);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  for (guint i = 0; i < rows->len; i++)
    {
      const LegendRow *row = &g_array_index (rows, LegendRow, i);
      double ry = g_array_index (row_y, double, i);
      double cy = ry + LEGEND_ROW / 2 - 2;
      double sx = LEGEND_PAD, tx = LEGEND_PAD + LEGEND_SWATCH + LEGEND_GAP;
      PangoLayout *layout = text;
      int w, h;

      switch (row->kind)
        {
        case ROW_HEADING:
          layout = bold;
          tx = LEGEND_PAD;
          break;
        case ROW_SUBTITLE:
          layout = small;
          tx = LEGEND_PAD;
          cy = ry + 7;
          break;
        case ROW_FILL:
          cairo_rectangle (cr, sx + 0.5, cy - 6.5, LEGEND_SWATCH - 1, 13);
          set_rgb (cr, row->color, 1);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          break;
        case ROW_HATCH:
          if (hatch == NULL)
            {
              Ctx fake = { 0 };
              fake.u = 1;
              fake.stamp_scale = 1;
              hatch = create_hatch (&fake);
            }
          cairo_rectangle (cr, sx + 0.5, cy - 6.5, LEGEND_SWATCH - 1, 13);
          cairo_set_source (cr, hatch);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          break;
        case ROW_OUTLINE:
          cairo_rectangle (cr, sx + 2, cy - 5, LEGEND_SWATCH - 4, 10);
          set_rgb (cr, row->color, 1);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
          break;
        case ROW_SYMBOL:
          draw_symbol (cr, row->index, sx + LEGEND_SWATCH / 2, cy, level_sizes[1], 1);
          break;
        case ROW_ROUTE:
          {
            double dashes[] = { 7, 4 };

            cairo_save (cr);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
            cairo_move_to (cr, sx + 1, cy);
            cairo_line_to (cr, sx + LEGEND_SWATCH - 1, cy);
            cairo_set_source_rgb (cr, 1, 1, 1);
            cairo_set_line_width (cr, ROUTE_WIDTH + 2 * ROUTE_CASING);
            cairo_stroke_preserve (cr);
            set_rgb (cr, route_kinds[row->index].color, 1);
            cairo_set_line_width (cr, ROUTE_WIDTH);
            cairo_set_dash (cr, dashes, route_kinds[row->index].dashed ? 2 : 0, 0);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
          break;
        default:
          break;
        }

      pango_layout_set_text (layout, row->text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, tx, cy - h / 2.0);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, row->kind == ROW_SUBTITLE ? 0.7 : 1);
      pango_cairo_show_layout (cr, layout);

      if (row->note != NULL)
        {
          pango_layout_set_text (small, row->note, -1);
          pango_layout_get_pixel_size (small, &w, &h);
          cairo_move_to (cr, width - LEGEND_PAD - w, cy - h / 2.0);
          cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.6);
          pango_cairo_show_layout (cr, small);
        }
    }

  g_clear_pointer (&hatch, cairo_pattern_destroy);
  cairo_restore (cr);
}

/* Public API */

/**
 * gf_map_extent_init_fit:
 * @rect: the world rectangle to show whole
 * @width: the area's width in logical pixels
 * @height: its height
 * @padding: logical pixels to keep free on every side
 *
 * Sets @extent to the largest (fractional) zoom that shows @rect within the area, centred.
 */
void
gf_map_extent_init_fit (GfMapExtent     *extent,
                        const GfMapRect *rect,
                        double           width,
                        double           height,
                        double           padding)
{
  double w, h, scale;

  g_return_if_fail (extent != NULL);
  g_return_if_fail (rect != NULL);

  w = MAX (rect->x1 - rect->x0, 1e-9);
  h = MAX (rect->y1 - rect->y0, 1e-9);
  scale = MIN (MAX (width - 2 * padding, 1) / w, MAX (height - 2 * padding, 1) / h);

  extent->center_x = (rect->x0 + rect->x1) / 2;
  extent->center_y = (rect->y0 + rect->y1) / 2;
  extent->zoom = log2 (scale / GF_MAP_TILE_SIZE);
  extent->width = width;
  extent->height = height;
}

/**
 * gf_map_extent_get_rect:
 *
 * Returns: the world rectangle the extent shows
 */
GfMapRect
gf_map_extent_get_rect (const GfMapExtent *extent)
{
  double k, hw, hh;

  g_return_val_if_fail (extent != NULL, (GfMapRect) { 0 });

  k = gf_map_world_size (extent->zoom);
  hw = extent->width / 2 / k;
  hh = extent->height / 2 / k;
  return (GfMapRect) { extent->center_x - hw, extent->center_y - hh,
                       extent->center_x + hw, extent->center_y + hh };
}

void
gf_map_extent_world_to_pixel (const GfMapExtent *extent,
                              double             x,
                              double             y,
                              double            *px,
                              double            *py)
{
  double k;

  g_return_if_fail (extent != NULL);

  k = gf_map_world_size (extent->zoom);
  *px = (x - extent->center_x) * k + extent->width / 2;
  *py = (y - extent->center_y) * k + extent->height / 2;
}

void
gf_map_extent_pixel_to_world (const GfMapExtent *extent,
                              double             px,
                              double             py,
                              double            *x,
                              double            *y)
{
  double k;

  g_return_if_fail (extent != NULL);

  k = gf_map_world_size (extent->zoom);
  *x = (px - extent->width / 2) / k + extent->center_x;
  *y = (py - extent->height / 2) / k + extent->center_y;
}

/**
 * gf_map_render:
 * @data: the map data
 * @style: a style made for @data
 * @extent: the extent, zoom and size
 * @layers: #GfMapLayers to draw
 * @cr: any cairo context (image, PDF, SVG, recording); the map fills (0, 0)–(width, height)
 *   of its user space and leaves the rest and its state untouched
 *
 * Draws the map; what is not map stays transparent, so the caller paints a background or a
 * basemap first. Labels are placed greedily, none cut by the edge. Thread-safe.
 */
void
gf_map_render (const GfMapData   *data,
               const GfMapStyle  *style,
               const GfMapExtent *extent,
               guint              layers,
               cairo_t           *cr)
{
  Ctx ctx;
  GfMapRect rect;

  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL && gf_map_style_get_data (style) == data);
  g_return_if_fail (extent != NULL && extent->width > 0 && extent->height > 0);
  g_return_if_fail (cr != NULL);

  rect = gf_map_extent_get_rect (extent);
  ctx_init (&ctx, data, style, layers, cr);
  ctx.tile = FALSE;
  ctx.u = 1;
  ctx.zoom = extent->zoom;
  ctx.k = gf_map_world_size (extent->zoom);
  ctx.ox = rect.x0;
  ctx.oy = rect.y0;
  ctx.width = extent->width;
  ctx.height = extent->height;

  render (&ctx);
  ctx_clear (&ctx);
}

/**
 * gf_map_render_tile:
 * @zoom: the tile's zoom level
 * @tile_x: its column
 * @tile_y: its row, from the north
 * @tile_size: its size in units of @cr: 256; or 512 for a 2× (HiDPI) tile on a 512-px
 *   surface, which draws the same map with lines, symbols and text twice as wide. (A 512-px
 *   surface with cairo_surface_set_device_scale (2, 2) and @tile_size 256 gives the same
 *   picture: symbols and hatching follow the device scale.)
 * @cr: a cairo context whose (0, 0)–(@tile_size, @tile_size) receives the tile
 *
 * Draws one Web Mercator tile as libshumate and XYZ servers number them, from only the
 * features the index returns for it (with a margin for strokes, symbols and labels). What
 * is not map stays transparent. Neighbouring tiles join without seams, and a label that
 * crosses a tile edge is drawn by both tiles at the same place.
 *
 * Thread-safe: call it from as many worker threads at once as there are tiles to draw, each
 * with its own @cr.
 */
void
gf_map_render_tile (const GfMapData  *data,
                    const GfMapStyle *style,
                    guint             layers,
                    int               zoom,
                    int               tile_x,
                    int               tile_y,
                    int               tile_size,
                    cairo_t          *cr)
{
  gf_map_render_tile_at_scale (data, style, layers, zoom, tile_x, tile_y, tile_size, 1.0, cr);
}

/**
 * gf_map_render_tile_at_scale:
 * @zoom: the tile's zoom level
 * @tile_x: its column
 * @tile_y: its row, from the north
 * @tile_size: the size in units of @cr of a tile shown at scale 1 (see gf_map_render_tile())
 * @display_scale: how much bigger than @tile_size the tile is shown, from 1 to 4: a map at
 *   the fractional zoom z shows the tiles of floor (z) magnified 2^(z − floor (z)) times
 * @cr: a cairo context whose (0, 0)–(@tile_size · @display_scale, same) receives the tile
 *
 * Draws the tile of gf_map_render_tile() for a map that shows it magnified: the same part
 * of the world fills @display_scale times as many units of @cr, while lines, symbols and
 * text keep their size in units of @cr. Magnified by @display_scale on screen, the tile
 * shows every feature where a tile drawn at scale 1 would, but with lines one pixel wide
 * and labels of their nominal size, sharp, as gf_map_render() draws them at that zoom.
 * Labels are chosen for the zoom the map shows (@zoom + log2 (@display_scale)).
 *
 * Neighbouring tiles of the same @zoom and @display_scale join as those of
 * gf_map_render_tile() do. (A scale below 1 would let labels reach further into a tile
 * than gf_map_tile_has_features() looks.)
 *
 * Thread-safe, as gf_map_render_tile().
 */
void
gf_map_render_tile_at_scale (const GfMapData  *data,
                             const GfMapStyle *style,
                             guint             layers,
                             int               zoom,
                             int               tile_x,
                             int               tile_y,
                             int               tile_size,
                             double            display_scale,
                             cairo_t          *cr)
{
  Ctx ctx;
  double n;

  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL && gf_map_style_get_data (style) == data);
  g_return_if_fail (zoom >= 0 && zoom <= 30);
  g_return_if_fail (tile_size > 0);
  g_return_if_fail (display_scale >= 1.0 && display_scale <= 4.0);
  g_return_if_fail (cr != NULL);

  n = exp2 (zoom);
  ctx_init (&ctx, data, style, layers, cr);
  ctx.tile = TRUE;
  /* Sizes stay in units of a tile shown at scale 1; only positions spread out. */
  ctx.u = tile_size / (double) GF_MAP_TILE_SIZE;
  ctx.zoom = zoom + log2 (display_scale);
  ctx.k = tile_size * display_scale * n;
  ctx.ox = tile_x / n;
  ctx.oy = tile_y / n;
  ctx.width = tile_size * display_scale;
  ctx.height = tile_size * display_scale;

  render (&ctx);
  ctx_clear (&ctx);
}

/**
 * gf_map_tile_has_features:
 *
 * Whether anything of @layers comes near the tile (its boxes, with the margin symbols and
 * labels need): a tile source can skip rendering and uploading empty tiles.
 *
 * Returns: %FALSE when the tile would be empty for certain
 */
gboolean
gf_map_tile_has_features (const GfMapData *data,
                          guint            layers,
                          int              zoom,
                          int              tile_x,
                          int              tile_y)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  GfMapRect rect = gf_map_tile_rect (zoom, tile_x, tile_y);
  double margin = (layers & GF_MAP_LAYER_LABELS ? LABEL_REACH : level_sizes[0])
                  / gf_map_world_size (zoom);

  g_return_val_if_fail (data != NULL, FALSE);

  rect = grow (&rect, margin);
  if ((layers & (GF_MAP_LAYER_TOWNS | GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_CLUSTERS))
      && data->has_district
      && !(data->district.bounds.x0 > rect.x1 || data->district.bounds.x1 < rect.x0
           || data->district.bounds.y0 > rect.y1 || data->district.bounds.y1 < rect.y0))
    return TRUE;
  if (layers & (GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_CLUSTERS))
    gf_map_data_query (data, GF_MAP_LAYER_VILLAGES, &rect, found);
  if (layers & GF_MAP_LAYER_TOWNS)
    gf_map_data_query (data, GF_MAP_LAYER_TOWNS, &rect, found);
  if (layers & GF_MAP_LAYER_SITES)
    gf_map_data_query (data, GF_MAP_LAYER_SITES, &rect, found);
  if (layers & GF_MAP_LAYER_ROUTES)
    gf_map_data_query (data, GF_MAP_LAYER_ROUTES, &rect, found);

  return found->len > 0;
}

/**
 * gf_map_measure_legend:
 * @cr: the context the legend will be drawn on (for text metrics)
 * @width: (out) (optional): its width in user units
 * @height: (out) (optional): its height
 *
 * The size gf_map_render_legend() will take, to place it.
 */
void
gf_map_measure_legend (const GfMapData  *data,
                       const GfMapStyle *style,
                       guint             layers,
                       cairo_t          *cr,
                       double           *width,
                       double           *height)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (cr != NULL);

  legend (data, style, layers, cr, FALSE, 0, 0, width, height);
}

/**
 * gf_map_render_legend:
 * @x: left edge
 * @y: top edge
 *
 * Draws the legend of what @layers show in @style: the fills (clusters, or the classes with
 * their counts and "no data"), cluster outlines over a choropleth, site kinds and route kinds
 * present in @data, in a white box.
 */
void
gf_map_render_legend (const GfMapData  *data,
                      const GfMapStyle *style,
                      guint             layers,
                      cairo_t          *cr,
                      double            x,
                      double            y)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (cr != NULL);

  legend (data, style, layers, cr, TRUE, x, y, NULL, NULL);
}

/**
 * gf_map_render_scale_bar:
 * @x: left end of the bar
 * @y: baseline (bottom) of the bar
 * @max_width: the longest the bar may be, in user units
 *
 * Draws a scale bar of a round length (1, 2 or 5 × 10ⁿ m) measured at the extent's centre.
 */
void
gf_map_render_scale_bar (const GfMapExtent *extent,
                         cairo_t           *cr,
                         double             x,
                         double             y,
                         double             max_width)
{
  PangoContext *context = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree char *text = NULL;
  double mpp, meters, step, length;
  int w, h;

  g_return_if_fail (extent != NULL);
  g_return_if_fail (cr != NULL);

  mpp = gf_map_meters_per_pixel (extent->zoom, extent->center_y);
  meters = max_width * mpp;
  step = pow (10, floor (log10 (meters)));
  if (5 * step <= meters)
    step *= 5;
  else if (2 * step <= meters)
    step *= 2;
  length = step / mpp;

  if (step >= 1000)
    /* Translators: a scale bar's length in kilometres (公里). */
    text = g_strdup_printf (_("%g km"), step / 1000);
  else
    /* Translators: a scale bar's length in metres (米). */
    text = g_strdup_printf (_("%g m"), step);

  context = create_pango_context (cr);
  layout = pango_layout_new (context);
  g_object_unref (context);   /* the layout holds it */
  font = pango_font_description_from_string (FONT_FAMILY);
  pango_font_description_set_absolute_size (font, 11 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  cairo_save (cr);
  cairo_rectangle (cr, x - 6, y - h - 12, MAX (length, w) + 12, h + 16);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_fill (cr);

  /* Two halves, black and white, like a surveyor's bar. */
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, y - 5.5, length / 2, 4);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_fill_preserve (cr);
  cairo_stroke (cr);
  cairo_rectangle (cr, x + 0.5 + length / 2, y - 5.5, length / 2, 4);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_stroke (cr);

  cairo_move_to (cr, x, y - 8 - h);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/**
 * gf_map_site_kind_to_label:
 *
 * Returns: the translated name of a kind of site
 */
const char *
gf_map_site_kind_to_label (GfMapSiteKind kind)
{
  switch (kind)
    {
    case GF_MAP_SITE_AGRI_PARK: return _("Agricultural park");
    case GF_MAP_SITE_INTEGRATION_PARK: return _("Integration demonstration park");
    case GF_MAP_SITE_LOGISTICS_CENTRE: return _("Logistics centre");
    case GF_MAP_SITE_COMMON_FACTORY: return _("Common-prosperity factory");
    case GF_MAP_SITE_ECOMMERCE_BUILDING: return _("E-commerce building");
    case GF_MAP_SITE_SERVICE_CENTRE: return _("Service centre");
    case GF_MAP_SITE_SCENIC_SPOT: return _("Scenic spot");
    case GF_MAP_SITE_BASE: return _("Production base");
    case GF_MAP_SITE_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * gf_map_site_level_to_label:
 *
 * Returns: the translated name of a site level
 */
const char *
gf_map_site_level_to_label (GfMapSiteLevel level)
{
  switch (level)
    {
    case GF_MAP_LEVEL_NATIONAL: return _("National");
    case GF_MAP_LEVEL_PROVINCIAL: return _("Provincial");
    case GF_MAP_LEVEL_CITY: return _("City");
    case GF_MAP_LEVEL_DISTRICT: return C_("site level", "District");
    case GF_MAP_N_LEVELS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * gf_map_route_kind_to_label:
 *
 * Returns: the translated name of a kind of route
 */
const char *
gf_map_route_kind_to_label (GfMapRouteKind kind)
{
  switch (kind)
    {
    case GF_MAP_ROUTE_SCENIC_ROAD: return _("Scenic road");
    case GF_MAP_ROUTE_RED_TOURISM: return _("Red tourism route");
    case GF_MAP_ROUTE_INDUSTRY_LINE: return _("Industry belt");
    case GF_MAP_ROUTE_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * gf_map_site_kind_color:
 *
 * Returns: the symbol colour of a kind of site, 0xRRGGBB (for a UI legend or list)
 */
guint32
gf_map_site_kind_color (GfMapSiteKind kind)
{
  g_return_val_if_fail (kind < GF_MAP_SITE_N_KINDS, 0);

  return site_kinds[kind].color;
}

/**
 * gf_map_route_kind_color:
 *
 * Returns: the line colour of a kind of route, 0xRRGGBB
 */
guint32
gf_map_route_kind_color (GfMapRouteKind kind)
{
  g_return_val_if_fail (kind < GF_MAP_ROUTE_N_KINDS, 0);

  return route_kinds[kind].color;
}

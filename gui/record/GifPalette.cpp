#include "gui/record/GifPalette.h"

#include "gui/record/FfmpegSupport.h"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/pixfmt.h>
}

namespace scalelab::gui::record {

namespace {
// Flat UI colours: no transparent entry needed, so all 256 serve the picture. Bayer
// dithering keeps the antialiased edges smooth with a pattern that does not crawl from
// frame to frame (error diffusion would, and would defeat GIF's frame differencing).
constexpr const char* kPaletteGen = "max_colors=256:reserve_transparent=0:stats_mode=full";
constexpr const char* kPaletteUse = "dither=bayer:bayer_scale=4:diff_mode=rectangle";

QString bufferArgs(QSize size, int fps)
{
    return QStringLiteral("video_size=%1x%2:pix_fmt=%3:time_base=1/%4:pixel_aspect=1/1")
        .arg(size.width())
        .arg(size.height())
        .arg(static_cast<int>(AV_PIX_FMT_RGB32))
        .arg(fps);
}

bool fail(QString* error, const QString& what, int code)
{
    if (error)
        *error = QStringLiteral("GIF palette: %1: %2").arg(what, avErrorText(code));
    return false;
}

bool makeFilter(AVFilterGraph* graph, AVFilterContext** out, const char* filter, const char* name,
                const QString& args, QString* error)
{
    const int r = avfilter_graph_create_filter(
        out, avfilter_get_by_name(filter), name,
        args.isEmpty() ? nullptr : args.toLatin1().constData(), nullptr, graph);
    return r >= 0 || fail(error, QStringLiteral("cannot create %1").arg(QLatin1String(filter)), r);
}

/// Pulls every frame the sink has ready; false on a real error.
bool drain(AVFilterContext* sink, std::vector<AVFrame*>& out, QString* error)
{
    for (;;) {
        AVFrame* f = av_frame_alloc();
        const int r = av_buffersink_get_frame(sink, f);
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) {
            av_frame_free(&f);
            return true;
        }
        if (r < 0) {
            av_frame_free(&f);
            return fail(error, QStringLiteral("reading the filter"), r);
        }
        out.push_back(f);
    }
}
} // namespace

struct GifPalette::Graphs {
    QSize size;
    int fps = 0;
    GraphPtr stats;
    AVFilterContext* statsIn = nullptr;
    AVFilterContext* statsOut = nullptr;
    std::int64_t samples = 0;
    GraphPtr use;
    AVFilterContext* useIn = nullptr;
    AVFilterContext* usePalette = nullptr;
    AVFilterContext* useOut = nullptr;
};

GifPalette::GifPalette(QSize size, int fps) : m_graphs(std::make_unique<Graphs>())
{
    m_graphs->size = size;
    m_graphs->fps = fps;
}

GifPalette::~GifPalette() = default;

bool GifPalette::addSample(const QImage& frame, QString* error)
{
    Graphs& g = *m_graphs;
    if (!g.stats) {
        g.stats.reset(avfilter_graph_alloc());
        AVFilterContext* gen = nullptr;
        if (!g.stats ||
            !makeFilter(g.stats.get(), &g.statsIn, "buffer", "in", bufferArgs(g.size, g.fps),
                        error) ||
            !makeFilter(g.stats.get(), &gen, "palettegen", "palettegen",
                        QString::fromLatin1(kPaletteGen), error) ||
            !makeFilter(g.stats.get(), &g.statsOut, "buffersink", "out", {}, error))
            return false;
        int r = avfilter_link(g.statsIn, 0, gen, 0);
        if (r >= 0)
            r = avfilter_link(gen, 0, g.statsOut, 0);
        if (r >= 0)
            r = avfilter_graph_config(g.stats.get(), nullptr);
        if (r < 0)
            return fail(error, QStringLiteral("cannot set up palettegen"), r);
    }
    FramePtr f = rgbFrame(frame, g.samples++);
    if (!f)
        return fail(error, QStringLiteral("out of memory"), AVERROR(ENOMEM));
    const int r = av_buffersrc_add_frame(g.statsIn, f.get());
    return r >= 0 || fail(error, QStringLiteral("counting colours"), r);
}

bool GifPalette::computePalette(QString* error)
{
    Graphs& g = *m_graphs;
    if (!g.stats)
        return fail(error, QStringLiteral("no frames"), AVERROR(EINVAL));
    int r = av_buffersrc_add_frame(g.statsIn, nullptr); // end of stream: palettegen answers
    if (r < 0)
        return fail(error, QStringLiteral("ending the first pass"), r);
    FramePtr palette(av_frame_alloc());
    r = av_buffersink_get_frame(g.statsOut, palette.get());
    if (r < 0)
        return fail(error, QStringLiteral("computing the palette"), r);
    g.stats.reset();

    g.use.reset(avfilter_graph_alloc());
    AVFilterContext* paletteUse = nullptr;
    if (!g.use ||
        !makeFilter(g.use.get(), &g.useIn, "buffer", "in", bufferArgs(g.size, g.fps), error) ||
        !makeFilter(g.use.get(), &g.usePalette, "buffer", "palette",
                    bufferArgs(QSize(palette->width, palette->height), g.fps), error) ||
        !makeFilter(g.use.get(), &paletteUse, "paletteuse", "paletteuse",
                    QString::fromLatin1(kPaletteUse), error) ||
        !makeFilter(g.use.get(), &g.useOut, "buffersink", "out", {}, error))
        return false;
    r = avfilter_link(g.useIn, 0, paletteUse, 0);
    if (r >= 0)
        r = avfilter_link(g.usePalette, 0, paletteUse, 1);
    if (r >= 0)
        r = avfilter_link(paletteUse, 0, g.useOut, 0);
    if (r >= 0)
        r = avfilter_graph_config(g.use.get(), nullptr);
    if (r < 0)
        return fail(error, QStringLiteral("cannot set up paletteuse"), r);
    // One palette for the whole animation: given once at time 0, then its input ends
    // (paletteuse keeps using the last palette it saw).
    palette->pts = 0;
    r = av_buffersrc_add_frame(g.usePalette, palette.get());
    if (r >= 0)
        r = av_buffersrc_add_frame(g.usePalette, nullptr);
    return r >= 0 || fail(error, QStringLiteral("loading the palette"), r);
}

bool GifPalette::map(const QImage& frame, std::int64_t index, std::vector<AVFrame*>& out,
                     QString* error)
{
    Graphs& g = *m_graphs;
    if (!g.use)
        return fail(error, QStringLiteral("no palette yet"), AVERROR(EINVAL));
    FramePtr f = rgbFrame(frame, index);
    if (!f)
        return fail(error, QStringLiteral("out of memory"), AVERROR(ENOMEM));
    const int r = av_buffersrc_add_frame(g.useIn, f.get());
    if (r < 0)
        return fail(error, QStringLiteral("mapping a frame"), r);
    return drain(g.useOut, out, error);
}

bool GifPalette::flush(std::vector<AVFrame*>& out, QString* error)
{
    Graphs& g = *m_graphs;
    if (!g.use)
        return true;
    const int r = av_buffersrc_add_frame(g.useIn, nullptr);
    if (r < 0)
        return fail(error, QStringLiteral("ending the second pass"), r);
    return drain(g.useOut, out, error);
}

} // namespace scalelab::gui::record

#pragma once

// Small helpers shared by the libav* wrappers of this folder; only their .cpp files include
// this (FFmpeg's headers stay out of everything else).

#include <memory>

#include <QImage>
#include <QString>

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavutil/frame.h>
}

namespace scalelab::gui::record {

/// FFmpeg's text for an error code ("Invalid argument").
QString avErrorText(int code);

struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;

struct GraphDeleter {
    void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
};
using GraphPtr = std::unique_ptr<AVFilterGraph, GraphDeleter>;

/// A reference-counted AV_PIX_FMT_RGB32 copy of `image` (which is converted to
/// QImage::Format_RGB32, the same byte layout, when it is not already), stamped `pts`.
FramePtr rgbFrame(const QImage& image, std::int64_t pts);

} // namespace scalelab::gui::record

#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <QImage>
#include <QSize>
#include <QString>

struct AVFrame;

namespace scalelab::gui::record {

/// A GIF's 256 colours chosen for the whole animation, with FFmpeg's own filters:
/// palettegen counts the colours of every frame shown to it (first pass), paletteuse then
/// maps each frame onto that palette (second pass). Two passes over re-rendered frames rather
/// than one filter graph that splits the stream: palettegen answers only at the end, so the
/// one-pass graph would hold every frame of the video in memory until then.
class GifPalette {
public:
    GifPalette(QSize size, int fps);
    ~GifPalette();
    GifPalette(const GifPalette&) = delete;
    GifPalette& operator=(const GifPalette&) = delete;

    /// First pass: counts the colours of one frame.
    bool addSample(const QImage& frame, QString* error);
    /// Ends the first pass: computes the palette and prepares the second.
    bool computePalette(QString* error);
    /// Second pass: maps one frame (number `index`) to the palette. Mapped PAL8 frames that
    /// are ready are appended to `out` (owned by the caller: av_frame_free them).
    bool map(const QImage& frame, std::int64_t index, std::vector<AVFrame*>& out, QString* error);
    /// After the last frame: the mapped frames still inside the filter.
    bool flush(std::vector<AVFrame*>& out, QString* error);

private:
    struct Graphs;
    std::unique_ptr<Graphs> m_graphs;
};

} // namespace scalelab::gui::record

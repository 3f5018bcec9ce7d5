#pragma once

#include <memory>

#include <QImage>
#include <QSize>
#include <QString>

namespace scalelab::gui::record {

/// Frame size and rate of a recording.
struct VideoSettings {
    QSize size{1280, 720};
    int fps = 30;
};

/// Encodes frames into OUT.mp4 (H.264, or MPEG-4 part 2 when libavcodec lacks libx264),
/// OUT.webm (VP9, or VP8) or OUT.gif (one palette for the whole animation) with FFmpeg's
/// libraries. Written under a temporary name and renamed at finish(): destroyed or
/// discarded before that, it leaves nothing behind.
class VideoEncoder {
public:
    VideoEncoder();
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    /// Picks the format from the file name's extension. False with a reason when the name,
    /// the size or the folder will not do.
    bool open(const QString& path, const VideoSettings& settings, QString* error);
    /// The libavcodec encoder in use ("libx264", "mpeg4", "libvpx-vp9", "gif").
    QString encoderName() const;

    /// GIF needs to see the frames once before encoding them (its palette): show them with
    /// addPaletteSample(), then endPalettePass(), then give them again with addFrame().
    bool wantsPalettePass() const;
    bool addPaletteSample(const QImage& frame, QString* error);
    bool endPalettePass(QString* error);

    /// Adds the next frame (any size: scaled to the video's size when it differs).
    bool addFrame(const QImage& frame, QString* error);
    int framesWritten() const;
    /// Flushes the encoder, writes the index and moves the file into place.
    bool finish(QString* error);
    /// Stops and removes the partial file.
    void discard();

private:
    struct State;
    std::unique_ptr<State> m_state;
    QString m_encoderName; // outlives m_state: still known after finish()
};

} // namespace scalelab::gui::record

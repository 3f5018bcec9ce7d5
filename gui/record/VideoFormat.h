#pragma once

#include <optional>

#include <QString>
#include <QStringList>

namespace scalelab::gui::record {

/// What a recording's file name asks for: the container and the encoders to try, best first.
struct VideoFormat {
    enum class Kind { Mp4, WebM, Gif };
    Kind kind = Kind::Mp4;
    const char* muxer = "mp4";
    /// libavcodec encoder names in order of preference; the first one this libavcodec has
    /// is used (Debian's has libx264 and libvpx; others may not).
    QStringList encoders;
};

/// The format for OUT.mp4, OUT.webm or OUT.gif (case-insensitive); nothing for any other name.
std::optional<VideoFormat> videoFormatFor(const QString& path);

/// The first encoder of `format` that this libavcodec provides ("" when none).
QString availableEncoder(const VideoFormat& format);

} // namespace scalelab::gui::record

#include "gui/record/VideoFormat.h"

#include <QFileInfo>

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace scalelab::gui::record {

std::optional<VideoFormat> videoFormatFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    VideoFormat f;
    if (suffix == QLatin1String("mp4")) {
        // H.264 plays everywhere (slides, browsers, chat apps); MPEG-4 part 2 is the
        // fallback that every libavcodec build carries.
        f.kind = VideoFormat::Kind::Mp4;
        f.muxer = "mp4";
        f.encoders = {QStringLiteral("libx264"), QStringLiteral("mpeg4")};
    } else if (suffix == QLatin1String("webm")) {
        f.kind = VideoFormat::Kind::WebM;
        f.muxer = "webm";
        f.encoders = {QStringLiteral("libvpx-vp9"), QStringLiteral("libvpx")};
    } else if (suffix == QLatin1String("gif")) {
        f.kind = VideoFormat::Kind::Gif;
        f.muxer = "gif";
        f.encoders = {QStringLiteral("gif")};
    } else {
        return std::nullopt;
    }
    return f;
}

QString availableEncoder(const VideoFormat& format)
{
    for (const QString& name : format.encoders)
        if (avcodec_find_encoder_by_name(name.toLatin1().constData()))
            return name;
    return {};
}

} // namespace scalelab::gui::record

#include "gui/record/FfmpegSupport.h"

#include <cstring>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/pixfmt.h>
}

namespace scalelab::gui::record {

QString avErrorText(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromLocal8Bit(text);
}

FramePtr rgbFrame(const QImage& image, std::int64_t pts)
{
    const QImage rgb = image.format() == QImage::Format_RGB32
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    FramePtr frame(av_frame_alloc());
    if (!frame)
        return {};
    // AV_PIX_FMT_RGB32 is FFmpeg's name for "0xAARRGGBB in native byte order", which is
    // exactly QImage::Format_RGB32.
    frame->format = AV_PIX_FMT_RGB32;
    frame->width = rgb.width();
    frame->height = rgb.height();
    frame->pts = pts;
    if (av_frame_get_buffer(frame.get(), 0) < 0)
        return {};
    const auto rowBytes = static_cast<std::size_t>(rgb.width()) * 4;
    for (int y = 0; y < rgb.height(); ++y)
        std::memcpy(frame->data[0] + static_cast<std::ptrdiff_t>(y) * frame->linesize[0],
                    rgb.constScanLine(y), rowBytes);
    return frame;
}

} // namespace scalelab::gui::record

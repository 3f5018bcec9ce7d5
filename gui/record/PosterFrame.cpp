#include "gui/record/PosterFrame.h"

#include <algorithm>
#include <cstdint>

#include <QFile>

#include "gui/record/FfmpegSupport.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

namespace scalelab::gui::record {

namespace {
struct Input {
    AVFormatContext* format = nullptr;
    AVCodecContext* codec = nullptr;
    AVPacket* packet = av_packet_alloc();
    ~Input()
    {
        av_packet_free(&packet);
        avcodec_free_context(&codec);
        avformat_close_input(&format);
    }
};

QImage toImage(const AVFrame* frame)
{
    QImage image(frame->width, frame->height, QImage::Format_RGB32);
    SwsContext* sws = sws_getContext(
        frame->width, frame->height, static_cast<AVPixelFormat>(frame->format), frame->width,
        frame->height, AV_PIX_FMT_RGB32, SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!sws)
        return {};
    uint8_t* dst[1] = {image.bits()};
    const int stride[1] = {static_cast<int>(image.bytesPerLine())};
    sws_scale(sws, frame->data, frame->linesize, 0, frame->height, dst, stride);
    sws_freeContext(sws);
    return image;
}
} // namespace

QImage posterFrame(const QString& videoPath, QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(videoPath, why);
        return QImage();
    };
    // Our message names the file and the reason; FFmpeg's own lines would repeat it on stderr.
    av_log_set_level(AV_LOG_FATAL);
    Input in;
    const QByteArray name = QFile::encodeName(videoPath);
    int r = avformat_open_input(&in.format, name.constData(), nullptr, nullptr);
    if (r < 0)
        return fail(avErrorText(r));
    if ((r = avformat_find_stream_info(in.format, nullptr)) < 0)
        return fail(avErrorText(r));
    const AVCodec* decoder = nullptr;
    const int stream = av_find_best_stream(in.format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (stream < 0 || !decoder)
        return fail(QStringLiteral("no video stream"));
    in.codec = avcodec_alloc_context3(decoder);
    if (!in.codec || !in.packet)
        return fail(QStringLiteral("out of memory"));
    avcodec_parameters_to_context(in.codec, in.format->streams[stream]->codecpar);
    if ((r = avcodec_open2(in.codec, decoder, nullptr)) < 0)
        return fail(avErrorText(r));
    // Near the end first (the key frame before the last two seconds); decoding every frame
    // of a long video would cost seconds for one picture.
    const AVStream* s = in.format->streams[stream];
    if (s->duration > 0)
        av_seek_frame(
            in.format, stream,
            std::max<std::int64_t>(0, s->start_time + s->duration -
                                          2 * s->time_base.den / std::max(1, s->time_base.num)),
            AVSEEK_FLAG_BACKWARD);
    FramePtr frame(av_frame_alloc());
    QImage last;
    const auto drain = [&] {
        while (avcodec_receive_frame(in.codec, frame.get()) >= 0)
            last = toImage(frame.get());
    };
    while (av_read_frame(in.format, in.packet) >= 0) {
        if (in.packet->stream_index == stream && avcodec_send_packet(in.codec, in.packet) >= 0)
            drain();
        av_packet_unref(in.packet);
    }
    avcodec_send_packet(in.codec, nullptr);
    drain();
    if (last.isNull())
        return fail(QStringLiteral("no frame could be decoded"));
    return last;
}

} // namespace scalelab::gui::record

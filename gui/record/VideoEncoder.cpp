#include "gui/record/VideoEncoder.h"

#include <vector>

#include <QFile>

#include "gui/record/FfmpegSupport.h"
#include "gui/record/GifPalette.h"
#include "gui/record/PartialFile.h"
#include "gui/record/VideoFormat.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

namespace scalelab::gui::record {

namespace {
bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

bool failAv(QString* error, const QString& what, int code)
{
    return fail(error, QStringLiteral("%1: %2").arg(what, avErrorText(code)));
}

/// Encoder settings for screen content: flat colours, thin lines, small moving dots.
void tuneEncoder(AVCodecContext* c, const QString& name, AVDictionary** options)
{
    if (name == QLatin1String("libx264")) {
        // veryfast: 60 s of 720p encode in seconds on 2 cores; "animation" suits flat areas.
        av_dict_set(options, "preset", "veryfast", 0);
        av_dict_set(options, "tune", "animation", 0);
        av_dict_set(options, "crf", "23", 0);
    } else if (name == QLatin1String("libvpx-vp9")) {
        av_dict_set(options, "deadline", "realtime", 0);
        av_dict_set(options, "cpu-used", "8", 0);
        av_dict_set(options, "row-mt", "1", 0);
        av_dict_set(options, "crf", "33", 0);
        c->bit_rate = 0; // constant quality
    } else if (name == QLatin1String("libvpx")) {
        av_dict_set(options, "deadline", "realtime", 0);
        av_dict_set(options, "cpu-used", "8", 0);
        av_dict_set(options, "crf", "10", 0);
        c->bit_rate = 2'000'000;
    } else if (name == QLatin1String("mpeg4")) {
        c->bit_rate = 2'500'000;
    }
}
} // namespace

struct VideoEncoder::State {
    VideoSettings settings;
    VideoFormat format;
    QString encoder;
    std::unique_ptr<PartialFile> file;
    AVFormatContext* mux = nullptr;
    AVCodecContext* codec = nullptr;
    AVStream* stream = nullptr;
    SwsContext* sws = nullptr;
    FramePtr yuv;
    AVPacket* packet = nullptr;
    std::unique_ptr<GifPalette> palette;
    bool headerWritten = false;
    bool paletteReady = false;
    int frames = 0;

    ~State()
    {
        sws_freeContext(sws);
        av_packet_free(&packet);
        avcodec_free_context(&codec);
        if (mux) {
            if (mux->pb)
                avio_closep(&mux->pb);
            avformat_free_context(mux);
        }
        // `file` (declared before) is destroyed after this body: the partial file goes last,
        // once nothing writes to it any more.
    }

    /// Sends `frame` (null: flush) to the encoder and writes what comes out.
    bool encode(AVFrame* frame, QString* error)
    {
        int r = avcodec_send_frame(codec, frame);
        if (r < 0)
            return failAv(error, QStringLiteral("encoding"), r);
        for (;;) {
            r = avcodec_receive_packet(codec, packet);
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
                return true;
            if (r < 0)
                return failAv(error, QStringLiteral("encoding"), r);
            av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
            packet->stream_index = stream->index;
            r = av_interleaved_write_frame(mux, packet);
            if (r < 0)
                return failAv(error, QStringLiteral("writing %1").arg(file->destination()), r);
        }
    }
};

VideoEncoder::VideoEncoder() = default;

VideoEncoder::~VideoEncoder() = default;

bool VideoEncoder::open(const QString& path, const VideoSettings& settings, QString* error)
{
    m_state.reset();
    // The encoders' statistics and notes are not for our users; errors still come through.
    av_log_set_level(AV_LOG_ERROR);
    const std::optional<VideoFormat> format = videoFormatFor(path);
    if (!format)
        return fail(error, QStringLiteral("cannot record '%1': the name must end in .mp4, "
                                          ".webm or .gif")
                               .arg(path));
    if (settings.fps < 1 || settings.fps > 120)
        return fail(error,
                    QStringLiteral("the frame rate must be 1 to 120, got %1").arg(settings.fps));
    // 4:2:0 video halves the colour resolution: both sides must be even.
    if (settings.size.width() < 16 || settings.size.height() < 16 ||
        settings.size.width() % 2 != 0 || settings.size.height() % 2 != 0)
        return fail(error,
                    QStringLiteral("the frame size must be even and at least 16x16, got %1x%2")
                        .arg(settings.size.width())
                        .arg(settings.size.height()));
    auto s = std::make_unique<State>();
    s->settings = settings;
    s->format = *format;
    s->encoder = availableEncoder(*format);
    if (s->encoder.isEmpty())
        return fail(error, QStringLiteral("this FFmpeg has no encoder for %1 (tried %2)")
                               .arg(QLatin1String(format->muxer),
                                    format->encoders.join(QStringLiteral(", "))));
    s->file = std::make_unique<PartialFile>(path);
    if (!s->file->create(error))
        return false;

    const QByteArray tempName = QFile::encodeName(s->file->tempPath());
    int r = avformat_alloc_output_context2(&s->mux, nullptr, format->muxer, tempName.constData());
    if (r < 0 || !s->mux)
        return failAv(
            error, QStringLiteral("cannot set up the %1 writer").arg(QLatin1String(format->muxer)),
            r);
    const AVCodec* codec = avcodec_find_encoder_by_name(s->encoder.toLatin1().constData());
    s->codec = avcodec_alloc_context3(codec);
    s->packet = av_packet_alloc();
    if (!s->codec || !s->packet)
        return fail(error, QStringLiteral("out of memory"));
    AVCodecContext* c = s->codec;
    c->width = settings.size.width();
    c->height = settings.size.height();
    c->time_base = AVRational{1, settings.fps};
    c->framerate = AVRational{settings.fps, 1};
    c->sample_aspect_ratio = AVRational{1, 1};
    c->gop_size = 2 * settings.fps; // a key frame every 2 s: seeking in a page or a slide
    c->thread_count = 0;            // as many as the machine has
    if (format->kind == VideoFormat::Kind::Gif) {
        c->pix_fmt = AV_PIX_FMT_PAL8;
        s->palette = std::make_unique<GifPalette>(settings.size, settings.fps);
    } else {
        c->pix_fmt = AV_PIX_FMT_YUV420P;
        // Tagged BT.709 (HD) limited range, and converted with the same coefficients, so
        // players show the canvas's colours as they are.
        c->color_primaries = AVCOL_PRI_BT709;
        c->color_trc = AVCOL_TRC_BT709;
        c->colorspace = AVCOL_SPC_BT709;
        c->color_range = AVCOL_RANGE_MPEG;
    }
    if (s->mux->oformat->flags & AVFMT_GLOBALHEADER)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AVDictionary* options = nullptr;
    tuneEncoder(c, s->encoder, &options);
    r = avcodec_open2(c, codec, &options);
    av_dict_free(&options);
    if (r < 0)
        return failAv(error, QStringLiteral("cannot start the %1 encoder").arg(s->encoder), r);

    s->stream = avformat_new_stream(s->mux, nullptr);
    if (!s->stream)
        return fail(error, QStringLiteral("out of memory"));
    s->stream->time_base = c->time_base;
    s->stream->avg_frame_rate = c->framerate;
    r = avcodec_parameters_from_context(s->stream->codecpar, c);
    if (r < 0)
        return failAv(error, QStringLiteral("cannot describe the video stream"), r);
    r = avio_open(&s->mux->pb, tempName.constData(), AVIO_FLAG_WRITE);
    if (r < 0)
        return failAv(error, QStringLiteral("cannot write %1").arg(path), r);
    AVDictionary* muxOptions = nullptr;
    // The index at the front: a browser starts playing before the whole file arrived.
    if (format->kind == VideoFormat::Kind::Mp4)
        av_dict_set(&muxOptions, "movflags", "+faststart", 0);
    r = avformat_write_header(s->mux, &muxOptions);
    av_dict_free(&muxOptions);
    if (r < 0)
        return failAv(error, QStringLiteral("cannot write %1").arg(path), r);
    s->headerWritten = true;

    if (!s->palette) {
        s->yuv.reset(av_frame_alloc());
        s->yuv->format = c->pix_fmt;
        s->yuv->width = c->width;
        s->yuv->height = c->height;
        if (av_frame_get_buffer(s->yuv.get(), 0) < 0)
            return fail(error, QStringLiteral("out of memory"));
        s->sws = sws_getContext(c->width, c->height, AV_PIX_FMT_RGB32, c->width, c->height,
                                c->pix_fmt, SWS_BILINEAR, nullptr, nullptr, nullptr);
        if (!s->sws)
            return fail(error, QStringLiteral("cannot set up the colour conversion"));
        // Source: full-range RGB; destination: limited-range BT.709, as tagged above.
        sws_setColorspaceDetails(s->sws, sws_getCoefficients(SWS_CS_ITU709), 1,
                                 sws_getCoefficients(SWS_CS_ITU709), 0, 0, 1 << 16, 1 << 16);
    }
    m_encoderName = s->encoder;
    m_state = std::move(s);
    return true;
}

QString VideoEncoder::encoderName() const
{
    return m_encoderName;
}

bool VideoEncoder::wantsPalettePass() const
{
    return m_state && m_state->palette && !m_state->paletteReady;
}

bool VideoEncoder::addPaletteSample(const QImage& frame, QString* error)
{
    if (!wantsPalettePass())
        return fail(error, QStringLiteral("no palette pass for this format"));
    return m_state->palette->addSample(
        frame.size() == m_state->settings.size
            ? frame
            : frame.scaled(m_state->settings.size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation),
        error);
}

bool VideoEncoder::endPalettePass(QString* error)
{
    if (!wantsPalettePass())
        return fail(error, QStringLiteral("no palette pass for this format"));
    if (!m_state->palette->computePalette(error))
        return false;
    m_state->paletteReady = true;
    return true;
}

bool VideoEncoder::addFrame(const QImage& image, QString* error)
{
    State* s = m_state.get();
    if (!s)
        return fail(error, QStringLiteral("the video is not open"));
    const QImage frame =
        (image.size() == s->settings.size
             ? image
             : image.scaled(s->settings.size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation))
            .convertToFormat(QImage::Format_RGB32);
    if (s->palette) {
        if (!s->paletteReady)
            return fail(error, QStringLiteral("a GIF needs its palette pass first"));
        std::vector<AVFrame*> mapped;
        bool ok = s->palette->map(frame, s->frames, mapped, error);
        for (AVFrame* f : mapped) {
            ok = ok && s->encode(f, error);
            av_frame_free(&f);
        }
        ++s->frames;
        return ok;
    }
    const int r = av_frame_make_writable(s->yuv.get());
    if (r < 0)
        return failAv(error, QStringLiteral("encoding"), r);
    const uint8_t* src[1] = {frame.constBits()};
    const int srcStride[1] = {static_cast<int>(frame.bytesPerLine())};
    sws_scale(s->sws, src, srcStride, 0, frame.height(), s->yuv->data, s->yuv->linesize);
    s->yuv->pts = s->frames++;
    return s->encode(s->yuv.get(), error);
}

int VideoEncoder::framesWritten() const
{
    return m_state ? m_state->frames : 0;
}

bool VideoEncoder::finish(QString* error)
{
    State* s = m_state.get();
    if (!s)
        return fail(error, QStringLiteral("the video is not open"));
    bool ok = true;
    if (s->palette) {
        std::vector<AVFrame*> mapped;
        ok = s->palette->flush(mapped, error);
        for (AVFrame* f : mapped) {
            ok = ok && s->encode(f, error);
            av_frame_free(&f);
        }
    }
    ok = ok && s->encode(nullptr, error);
    if (ok) {
        const int r = av_write_trailer(s->mux);
        if (r < 0)
            ok = failAv(error, QStringLiteral("finishing %1").arg(s->file->destination()), r);
    }
    if (s->mux->pb && avio_closep(&s->mux->pb) < 0 && ok)
        ok = fail(error, QStringLiteral("cannot write %1").arg(s->file->destination()));
    ok = ok && s->file->commit(error);
    m_state.reset(); // on failure this removes the partial file
    return ok;
}

void VideoEncoder::discard()
{
    m_state.reset();
}

} // namespace scalelab::gui::record

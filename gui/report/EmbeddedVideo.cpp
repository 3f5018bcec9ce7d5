#include "gui/report/EmbeddedVideo.h"

#include <algorithm>

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include "gui/record/PosterFrame.h"
#include "gui/report/ReportHelpers.h"

namespace scalelab::gui {

using namespace report_detail;

namespace {
QString mimeOf(const QString& suffix)
{
    if (suffix == QLatin1String("mp4"))
        return QStringLiteral("video/mp4");
    if (suffix == QLatin1String("webm"))
        return QStringLiteral("video/webm");
    if (suffix == QLatin1String("gif"))
        return QStringLiteral("image/gif");
    return {};
}

QByteArray pngBytes(const QImage& image)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return out;
}
} // namespace

bool loadEmbeddedVideo(const QString& path, EmbeddedVideo* video, QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = QStringLiteral("cannot embed %1: %2").arg(path, why);
        return false;
    };
    const QFileInfo info(path);
    const QString mime = mimeOf(info.suffix().toLower());
    if (mime.isEmpty())
        return fail(QStringLiteral("'.%1' is not a video ScaleLab records; use .mp4, .webm or .gif")
                        .arg(info.suffix()));
    if (!info.isFile())
        return fail(QStringLiteral("no such file"));
    if (info.size() > kMaxEmbeddedVideoBytes)
        return fail(QStringLiteral("it has %1 bytes; the limit is %2 MiB (record fewer seconds "
                                   "or a smaller --size)")
                        .arg(info.size())
                        .arg(kMaxEmbeddedVideoBytes >> 20));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    video->bytes = file.readAll();
    QString decodeError;
    video->poster = record::posterFrame(path, &decodeError);
    if (video->poster.isNull())
        return fail(QStringLiteral("not a video FFmpeg can decode (%1)").arg(decodeError));
    video->fileName = info.fileName();
    video->mimeType = mime;
    return true;
}

QString embeddedVideoHtml(const EmbeddedVideo& video, const QString& posterName)
{
    // One multi-argument arg(): a chained arg() would substitute a "%3" in the file name.
    const QLocale english(QLocale::English);
    const QString caption =
        QStringLiteral("<p class=\"note\">Recorded run: %1 (%2, %3 &times; %4, %5 KB)%6</p>\n")
            .arg(repEsc(video.fileName), repEsc(video.mimeType),
                 QString::number(video.poster.width()), QString::number(video.poster.height()),
                 english.toString((video.bytes.size() + 1023) / 1024),
                 posterName.isEmpty() ? QString()
                                      : QStringLiteral(": its last frame; the HTML report "
                                                       "plays the whole run"));
    if (!posterName.isEmpty()) {
        // 660 px: the PDF's text width at 96 dpi.
        const int width = std::min(660, video.poster.width());
        const int height = qRound(double(video.poster.height()) * width / video.poster.width());
        return QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"/></p>\n")
                   .arg(repEsc(posterName), QString::number(width), QString::number(height)) +
               caption;
    }
    const QString data = QStringLiteral("data:%1;base64,%2")
                             .arg(video.mimeType, QString::fromLatin1(video.bytes.toBase64()));
    if (video.mimeType == QLatin1String("image/gif"))
        return QStringLiteral("<figure><img src=\"%1\" alt=\"%2\" style=\"max-width: 100%\"/>"
                              "</figure>\n")
                   .arg(data, repEsc(video.fileName)) +
               caption;
    const QString poster = QStringLiteral("data:image/png;base64,%1")
                               .arg(QString::fromLatin1(pngBytes(video.poster).toBase64()));
    return QStringLiteral("<figure><video controls=\"controls\" preload=\"metadata\" "
                          "poster=\"%1\" style=\"width: 100%\"><source src=\"%2\" type=\"%3\"/>"
                          "Your browser cannot play %4 here.</video></figure>\n")
               .arg(poster, data, video.mimeType, repEsc(video.fileName)) +
           caption;
}

} // namespace scalelab::gui

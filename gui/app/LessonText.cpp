#include "gui/app/LessonText.h"

#include <QRegularExpression>

namespace scalelab::gui {

LessonText LessonText::parse(const QString& description)
{
    LessonText out;
    QString text = description.trimmed();
    static const QRegularExpression head(QStringLiteral("^(Lesson|Challenge):\\s*"));
    if (const auto m = head.match(text); m.hasMatch()) {
        out.challenge = m.captured(1) == QLatin1String("Challenge");
        text = text.mid(m.capturedLength());
    }
    // "Watch:" opens the part to look at ("Watch the teal dots" too: a sentence that
    // begins with it); "Try:" the part to do.
    static const QRegularExpression tryAt(QStringLiteral("(^|[.!?]\\s+)Try:\\s*"));
    if (const auto m = tryAt.match(text); m.hasMatch()) {
        out.tryIt = text.mid(m.capturedEnd()).trimmed();
        text = text.left(m.capturedStart() + (m.captured(1).isEmpty() ? 0 : 1));
    }
    static const QRegularExpression watchAt(QStringLiteral("(^|[.!?]\\s+)(Watch)(:\\s*|\\s)"));
    if (const auto m = watchAt.match(text); m.hasMatch()) {
        // "Watch: at 40 s …" drops the label; "Watch the teal dots …" is kept whole.
        const bool labelled = m.captured(3).startsWith(QLatin1Char(':'));
        out.watch = text.mid(labelled ? m.capturedEnd() : m.capturedStart(2)).trimmed();
        text = text.left(m.capturedStart() + (m.captured(1).isEmpty() ? 0 : 1));
    }
    out.lesson = text.trimmed();
    if (!out.lesson.isEmpty())
        out.lesson[0] = out.lesson[0].toUpper();
    if (!out.watch.isEmpty())
        out.watch[0] = out.watch[0].toUpper();
    if (!out.tryIt.isEmpty())
        out.tryIt[0] = out.tryIt[0].toUpper();
    return out;
}

} // namespace scalelab::gui

#pragma once

// What a report writer's output must never hold, whatever strings a file carries: XML that
// does not parse, a script element, an event-handler attribute, a javascript: URL, or a CSV
// cell a spreadsheet evaluates. Shared by the report fuzz target and its replay.

#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

namespace scalelab::testsupport {

// The first problem of an XML text (an HTML report, an SVG), or "" when there is none.
inline QString xmlProblem(const QByteArray& text)
{
    QXmlStreamReader xml(text);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name().compare(QLatin1String("script"), Qt::CaseInsensitive) == 0)
            return QStringLiteral("a script element");
        for (const QXmlStreamAttribute& a : xml.attributes()) {
            if (a.name().startsWith(QLatin1String("on"), Qt::CaseInsensitive))
                return QStringLiteral("an event handler attribute ") + a.name().toString();
            if (a.value().contains(QLatin1String("javascript:"), Qt::CaseInsensitive))
                return QStringLiteral("a javascript: URL");
        }
    }
    return xml.hasError() ? xml.errorString() : QString();
}

// A cell a spreadsheet would evaluate: starts with =, +, @, tab, CR, or - not followed by a
// digit (a negative number is data).
inline bool isFormula(const QString& cell)
{
    if (cell.isEmpty())
        return false;
    const QChar c = cell.front();
    if (c == u'=' || c == u'+' || c == u'@' || c == u'\t' || c == u'\r')
        return true;
    return c == u'-' && (cell.size() < 2 || !cell.at(1).isDigit());
}

// RFC 4180 cells of a CSV text: quoted cells may hold commas, quotes and line breaks.
inline QStringList csvCells(const QString& text)
{
    QStringList cells;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"')
                cell += c, ++i;
            else if (c == u'"')
                quoted = false;
            else
                cell += c;
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',' || c == u'\n') {
            cells << cell;
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells << cell;
    return cells;
}

} // namespace scalelab::testsupport

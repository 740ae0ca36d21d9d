using NuGet.Versioning;

namespace Scanner.Core.Versions;

/// <summary>
/// Reads npm range syntax (node-semver's range.js, strict mode) into desugared comparator sets, with a comma as an
/// extra AND. Never throws: every malformed or hostile input is a plain <c>false</c>.
/// </summary>
internal sealed class ApiVersionRangeParser
{
    // Nine digits always fit an int; ten are checked against int.MaxValue.
    private const int MaxNumberDigits = 10;

    private readonly string _text;
    private readonly int _end;
    private int _position;

    private ApiVersionRangeParser(string text, int start, int end)
    {
        _text = text;
        _position = start;
        _end = end;
    }

    /// <summary>Reads one comma-separated part of a comparator set, appending its comparators to <paramref name="into"/>.</summary>
    public static bool TryParsePart(string text, int start, int end, List<RangeComparator> into)
    {
        var parser = new ApiVersionRangeParser(text, start, end);
        return parser.TryParsePart(into);
    }

    private bool TryParsePart(List<RangeComparator> into)
    {
        var first = true;
        SkipSpaces();
        while (_position < _end)
        {
            var op = ReadOperator();
            if (op is not null)
            {
                SkipSpaces();
            }

            SkipVersionPrefix();
            if (!TryReadPartial(out var partial) || !AtSeparator())
            {
                return false;
            }

            SkipSpaces();
            if (first && op is null && IsHyphen())
            {
                // npm: a hyphen range is the whole comparator set (here: the whole comma part).
                _position++;
                SkipSpaces();
                SkipVersionPrefix();
                if (!TryReadPartial(out var upper) || !AtSeparator())
                {
                    return false;
                }

                SkipSpaces();
                return _position == _end && TryDesugarHyphen(partial, upper, into);
            }

            if (!TryDesugar(op, partial, into))
            {
                return false;
            }

            first = false;
        }

        return true;
    }

    private void SkipSpaces()
    {
        while (_position < _end && _text[_position] == ' ')
        {
            _position++;
        }
    }

    private void SkipVersionPrefix()
    {
        if (_position < _end && _text[_position] == 'v')
        {
            _position++;
        }
    }

    private bool AtSeparator() => _position == _end || _text[_position] == ' ';

    private bool IsHyphen() =>
        _position < _end && _text[_position] == '-' && _position + 1 < _end && _text[_position + 1] == ' ';

    private string? ReadOperator()
    {
        if (_position >= _end)
        {
            return null;
        }

        var c = _text[_position];
        var next = _position + 1 < _end ? _text[_position + 1] : '\0';
        string? op = c switch
        {
            '<' or '>' => next == '=' ? c + "=" : c.ToString(),
            '=' or '^' => c.ToString(),
            '~' => next == '>' ? "~>" : "~",
            _ => null,
        };
        if (op is not null)
        {
            _position += op.Length;
        }

        return op;
    }

    private bool TryReadPartial(out PartialVersion partial)
    {
        partial = default;
        var parts = new int?[3];
        var count = 0;
        var sawWildcard = false;
        while (true)
        {
            if (!TryReadPart(out var part))
            {
                return false;
            }

            // x.2 and 1.x.3 are not versions: a wildcard makes every later part a wildcard.
            if (sawWildcard && part is not null)
            {
                return false;
            }

            sawWildcard |= part is null;
            parts[count++] = part;
            if (count == 3 || _position >= _end || _text[_position] != '.')
            {
                break;
            }

            _position++;
        }

        IReadOnlyList<string> prerelease = [];
        if (_position < _end && _text[_position] == '-' && count == 3)
        {
            if (sawWildcard)
            {
                return false;
            }

            _position++;
            if (!TryReadIdentifiers(prerelease: true, out var identifiers))
            {
                return false;
            }

            prerelease = identifiers;
        }

        // Build metadata is allowed and, as in npm, ignored.
        if (_position < _end && _text[_position] == '+' && count == 3)
        {
            _position++;
            if (!TryReadIdentifiers(prerelease: false, out _))
            {
                return false;
            }
        }

        partial = new PartialVersion(parts[0], parts[1], parts[2], prerelease);
        return true;
    }

    private bool TryReadPart(out int? part)
    {
        part = null;
        if (_position >= _end)
        {
            return false;
        }

        var c = _text[_position];
        if (c is 'x' or 'X' or '*')
        {
            _position++;
            return true;
        }

        var start = _position;
        while (_position < _end && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        var length = _position - start;
        if (length == 0 || length > MaxNumberDigits || (length > 1 && _text[start] == '0'))
        {
            return false;
        }

        var value = 0L;
        for (var i = start; i < _position; i++)
        {
            value = (value * 10) + (_text[i] - '0');
        }

        if (value > int.MaxValue)
        {
            return false;
        }

        part = (int)value;
        return true;
    }

    private bool TryReadIdentifiers(bool prerelease, out List<string> identifiers)
    {
        identifiers = [];
        while (true)
        {
            var start = _position;
            var numeric = true;
            while (_position < _end && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '-'))
            {
                numeric &= char.IsAsciiDigit(_text[_position]);
                _position++;
            }

            var length = _position - start;
            if (length == 0 || (prerelease && numeric && length > 1 && _text[start] == '0'))
            {
                return false;
            }

            identifiers.Add(_text.Substring(start, length));
            if (_position >= _end || _text[_position] != '.')
            {
                return true;
            }

            _position++;
        }
    }

    private static bool TryDesugar(string? op, PartialVersion p, List<RangeComparator> into) => op switch
    {
        null or "=" => TryDesugarXRange(p, into),
        "~" or "~>" => TryDesugarTilde(p, into),
        "^" => TryDesugarCaret(p, into),
        _ => TryDesugarPrimitive(op, p, into),
    };

    // 1.2.x, 1.2, 1, * and bare versions.
    private static bool TryDesugarXRange(PartialVersion p, List<RangeComparator> into)
    {
        if (p.IsAny)
        {
            return true;
        }

        if (!p.HasWildcard)
        {
            into.Add(new RangeComparator(ComparatorOperator.Equal, p.Exact));
            return true;
        }

        return TryAddLine(p, into);
    }

    // Every version of the line a partial names: 1 is >=1.0.0 <2.0.0-0, 1.2 is >=1.2.0 <1.3.0-0.
    private static bool TryAddLine(PartialVersion p, List<RangeComparator> into)
    {
        if (!TryNextLine(p, out var next))
        {
            return false;
        }

        into.Add(new RangeComparator(ComparatorOperator.GreaterOrEqual, p.Floor, isPartialFloor: true));
        into.Add(new RangeComparator(ComparatorOperator.Less, RangeComparator.LowestPrereleaseOf(next)));
        return true;
    }

    // The first version after the line a partial names: 1 -> 2.0.0, 1.2 -> 1.3.0.
    private static bool TryNextLine(PartialVersion p, out SemanticVersion next)
    {
        next = p.Floor;
        if (p.Minor is null)
        {
            if (!TryIncrement(p.Major!.Value, out var major))
            {
                return false;
            }

            next = new SemanticVersion(major, 0, 0);
            return true;
        }

        if (!TryIncrement(p.Minor.Value, out var minor))
        {
            return false;
        }

        next = new SemanticVersion(p.Major!.Value, minor, 0);
        return true;
    }

    private static bool TryDesugarPrimitive(string op, PartialVersion p, List<RangeComparator> into)
    {
        if (p.IsAny)
        {
            // >* and <* allow nothing; >=* and <=* forbid nothing.
            if (op is "<" or ">")
            {
                into.Add(RangeComparator.Nothing);
            }

            return true;
        }

        if (!p.HasWildcard)
        {
            into.Add(new RangeComparator(ToOperator(op), p.Exact));
            return true;
        }

        switch (op)
        {
            case ">":
                // >1.2 is >=1.3.0 (a floor, like >=1.3).
                if (!TryNextLine(p, out var after))
                {
                    return false;
                }

                into.Add(new RangeComparator(ComparatorOperator.GreaterOrEqual, after, isPartialFloor: true));
                return true;
            case ">=":
                into.Add(new RangeComparator(ComparatorOperator.GreaterOrEqual, p.Floor, isPartialFloor: true));
                return true;
            case "<=":
                // <=1.2 is every 1.2.x too: <1.3.0-0.
                if (!TryNextLine(p, out var beyond))
                {
                    return false;
                }

                into.Add(new RangeComparator(ComparatorOperator.Less, RangeComparator.LowestPrereleaseOf(beyond)));
                return true;
            default:
                into.Add(new RangeComparator(ComparatorOperator.Less, RangeComparator.LowestPrereleaseOf(p.Floor)));
                return true;
        }
    }

    // ~1.2.3 := >=1.2.3 <1.3.0-0; ~1.2 := 1.2.x; ~1 := 1.x.
    private static bool TryDesugarTilde(PartialVersion p, List<RangeComparator> into)
    {
        if (p.IsAny)
        {
            return true;
        }

        if (p.HasWildcard)
        {
            return TryAddLine(p, into);
        }

        if (!TryIncrement(p.Minor!.Value, out var minor))
        {
            return false;
        }

        into.Add(new RangeComparator(ComparatorOperator.GreaterOrEqual, p.Exact));
        into.Add(new RangeComparator(ComparatorOperator.Less, RangeComparator.LowestPrereleaseOf(new SemanticVersion(p.Major!.Value, minor, 0))));
        return true;
    }

    // ^ allows changes that do not modify the left-most non-zero part: ^1.2.3 := >=1.2.3 <2.0.0-0,
    // ^0.2.3 := >=0.2.3 <0.3.0-0, ^0.0.3 := >=0.0.3 <0.0.4-0; ^1.x := 1.x, ^0.2 := 0.2.x, ^0.0 := 0.0.x.
    private static bool TryDesugarCaret(PartialVersion p, List<RangeComparator> into)
    {
        if (p.IsAny)
        {
            return true;
        }

        var major = p.Major!.Value;
        if (p.HasWildcard)
        {
            if (p.Minor is null || major == 0)
            {
                return TryAddLine(p, into);
            }

            return TryIncrement(major, out var nextMajor) && AddRange(p.Floor, true, new SemanticVersion(nextMajor, 0, 0), into);
        }

        var minor = p.Minor!.Value;
        var patch = p.Patch!.Value;
        SemanticVersion limit;
        if (major > 0)
        {
            if (!TryIncrement(major, out var next))
            {
                return false;
            }

            limit = new SemanticVersion(next, 0, 0);
        }
        else if (minor > 0)
        {
            if (!TryIncrement(minor, out var next))
            {
                return false;
            }

            limit = new SemanticVersion(0, next, 0);
        }
        else
        {
            if (!TryIncrement(patch, out var next))
            {
                return false;
            }

            limit = new SemanticVersion(0, 0, next);
        }

        return AddRange(p.Exact, false, limit, into);
    }

    // 1.2.3 - 2.3.4 := >=1.2.3 <=2.3.4; a partial upper end takes its whole line: 1.2 - 2.3 := >=1.2.0 <2.4.0-0.
    private static bool TryDesugarHyphen(PartialVersion from, PartialVersion to, List<RangeComparator> into)
    {
        if (!from.IsAny)
        {
            // npm lowers a release lower end to -0 when prereleases are included, a partial one too: a floor either way.
            into.Add(from.HasWildcard || from.Prerelease.Count == 0
                ? new RangeComparator(ComparatorOperator.GreaterOrEqual, from.Floor, isPartialFloor: true)
                : new RangeComparator(ComparatorOperator.GreaterOrEqual, from.Exact));
        }

        if (to.IsAny)
        {
            return true;
        }

        if (!to.HasWildcard)
        {
            into.Add(new RangeComparator(ComparatorOperator.LessOrEqual, to.Exact));
            return true;
        }

        if (!TryNextLine(to, out var next))
        {
            return false;
        }

        into.Add(new RangeComparator(ComparatorOperator.Less, RangeComparator.LowestPrereleaseOf(next)));
        return true;
    }

    private static bool AddRange(SemanticVersion lower, bool lowerIsFloor, SemanticVersion upperLine, List<RangeComparator> into)
    {
        into.Add(new RangeComparator(ComparatorOperator.GreaterOrEqual, lower, lowerIsFloor));
        into.Add(new RangeComparator(ComparatorOperator.Less, RangeComparator.LowestPrereleaseOf(upperLine)));
        return true;
    }

    private static ComparatorOperator ToOperator(string op) => op switch
    {
        "<" => ComparatorOperator.Less,
        "<=" => ComparatorOperator.LessOrEqual,
        ">" => ComparatorOperator.Greater,
        ">=" => ComparatorOperator.GreaterOrEqual,
        _ => ComparatorOperator.Equal,
    };

    // A range naming int.MaxValue cannot express "the next line"; refuse it rather than overflow.
    private static bool TryIncrement(int value, out int next)
    {
        next = value < int.MaxValue ? value + 1 : value;
        return value < int.MaxValue;
    }
}

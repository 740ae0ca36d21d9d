namespace Scanner.Core.Versions;

/// <summary>The relation a <see cref="RangeComparator"/> demands of a version.</summary>
internal enum ComparatorOperator
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

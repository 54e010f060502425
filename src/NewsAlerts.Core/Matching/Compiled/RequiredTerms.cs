namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>
/// A necessary condition for a query, as groups of term ids: the article must contain at least one term of every
/// group (a group of one is a term it must contain). Built once per query by <see cref="Clause.AddRequired"/> and
/// checked by the <see cref="Presearcher"/> before the query is evaluated.
/// </summary>
internal sealed class RequiredTerms
{
    private readonly HashSet<int> _terms = [];
    private readonly List<int[]> _anyOf = [];

    public void Clear()
    {
        _terms.Clear();
        _anyOf.Clear();
    }

    /// <summary>The article must contain <paramref name="termId"/>.</summary>
    public void All(int termId) => _terms.Add(termId);

    /// <summary>The article must contain at least one of <paramref name="termIds"/>.</summary>
    public void AnyOf(int[] termIds)
    {
        if (termIds.Length == 1)
        {
            _terms.Add(termIds[0]);
        }
        else if (termIds.Length > 1)
        {
            _anyOf.Add(termIds);
        }
    }

    /// <summary>
    /// Appends the groups as a posting body: for each group its length then its terms. Groups satisfied by
    /// <paramref name="present"/> (the term the posting is filed under) are left out.
    /// </summary>
    public void WriteTo(List<int> postings, int present)
    {
        foreach (var term in _terms)
        {
            if (term != present)
            {
                postings.Add(1);
                postings.Add(term);
            }
        }

        foreach (var group in _anyOf)
        {
            if (Array.IndexOf(group, present) < 0)
            {
                postings.Add(group.Length);
                postings.AddRange(group);
            }
        }
    }
}

using System.Diagnostics;
using System.IO.Compression;
using NewsAlerts.Core.Analysis.Offline.Tagging;
namespace NewsAlerts.Benchmarks.Analysis;
public static class LoadProbe
{
    public static int Run()
    {
        var path = "/work/wt/i13/src/NewsAlerts.Core/Analysis/Offline/Data/ner.model";
        for (var i = 0; i < 3; i++)
        {
            var w = Stopwatch.StartNew();
            using (var f = File.OpenRead(path)) using (var b = new BrotliStream(f, CompressionMode.Decompress)) { var m = new MemoryStream(); b.CopyTo(m); Console.Write($"decompress {w.Elapsed.TotalMilliseconds:0} ms ({m.Length / 1024} KB); "); }
            w.Restart();
            TaggerModel model;
            using (var f = File.OpenRead(path)) model = TaggerModel.Load(f);
            Console.Write($"load {w.Elapsed.TotalMilliseconds:0} ms; ");
            w.Restart();
            var names = model.Lexicon.Names().ToList();
            Console.Write($"names {w.Elapsed.TotalMilliseconds:0} ms; ");
            w.Restart();
            _ = new Lexicon(model.Lexicon.ListNames, names, model.Lexicon.PieceVocabulary, [model.Lexicon.ClusterIds(0), model.Lexicon.ClusterIds(1), model.Lexicon.ClusterIds(2)]);
            Console.WriteLine($"lexicon {w.Elapsed.TotalMilliseconds:0} ms");
        }
        return 0;
    }
}

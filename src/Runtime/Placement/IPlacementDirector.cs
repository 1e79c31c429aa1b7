using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Placement;

/// <summary>Chooses the silo that activates a grain that has no activation yet (e.g. a learner only on a GPU silo).</summary>
internal interface IPlacementDirector
{
    ValueTask<SiloAddress> PlaceAsync(GrainId grain, GrainClassInfo grainClass);
}

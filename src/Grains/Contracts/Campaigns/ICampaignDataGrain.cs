namespace Rlvr.Grains.Contracts;

/// <summary>A grain that stores part of one campaign's data (its policy, curriculum, replay buffer, trainer or a prompt): deleting the campaign deletes it.</summary>
[Alias("rlvr.ICampaignDataGrain")]
public interface ICampaignDataGrain : IGrainWithStringKey
{
    /// <summary>Deletes the stored state and deactivates; one with nothing stored stays so. Only a halted campaign calls it.</summary>
    Task Delete();
}

using Azure.Data.Tables;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Serialization;

namespace Rlvr.Storage.Azure;

/// <summary>
/// The Azure deployment's providers: Orleans' own Azure Table grain storage and reminder table, given the storage's
/// JSON serializer and put behind the retry decorator.
/// </summary>
public static class AzureSiloBuilderExtensions
{
    private const string Backend = "Azure Table";

    /// <summary>Adds Orleans' Azure Table grain storage named <paramref name="name"/> on the storage account of <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder AddAzureGrainStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.AddAzureTableGrainStorage(name, options =>
        {
            options.TableServiceClient = new TableServiceClient(connectionString);
            options.GrainStorageSerializer = new StorageJsonGrainSerializer();
            // A clear deletes the row, as the SQL providers do, rather than leaving an empty record behind.
            options.DeleteStateOnClear = true;
        });
        return silo.DecorateGrainStorage(name, Backend);
    }

    /// <summary>Adds the reminder service with Orleans' Azure Table reminder table on the storage account of <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder UseAzureReminderService(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.UseAzureTableReminderService(options => options.TableServiceClient = new TableServiceClient(connectionString));
        return silo.DecorateReminderTable(Backend);
    }
}
